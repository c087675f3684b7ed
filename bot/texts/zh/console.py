"""Texts of console mode (the bot in a terminal): what Telegram's own screen would show."""

from __future__ import annotations

BANNER = "控制台模式：直接打字回答；按钮前面的数字或字母，输入它就是点按钮。/quit 退出。"
KEY_HINT = "{hint}（按 {key}）"
FILE_SAVED = "📎 文件已保存到：{path}"
PICTURE_SAVED = "🖼 图片已保存到：{path}"
FILE_NOT_SAVED = "📎 文件没能保存到 {folder}：{reason}"
GOODBYE = "\n再见。\n"
