"""Files made from words the views already put together: the export's PDF, the progress
picture. No words, no storage, no Telegram here: only layout and drawing."""
