"""还款协商助手: a Telegram bot that helps a person with overdue Alipay credit reach a deal.

python-telegram-bot reports ``RetryAfter.retry_after`` as a timedelta only with this switch;
without it, reading the value warns (and the old int form is going away).
"""

import os

os.environ.setdefault("PTB_TIMEDELTA", "true")
