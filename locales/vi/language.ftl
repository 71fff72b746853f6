language-choose = Chọn ngôn ngữ:
language-name-vi = Tiếng Việt
language-name-en = English
language-set = Đã chuyển sang tiếng Việt.
