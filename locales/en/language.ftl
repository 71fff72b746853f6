language-choose = Choose a language:
language-name-vi = Tiếng Việt
language-name-en = English
language-set = Switched to English.
