# Problems of an XLSForm workbook (src/form/xlsform/read.ts), after "sheet row N: column".
xls-where-row = { $sheet } row { $row }
xls-not-xlsx = is not an .xlsx workbook
xls-too-big = unpacks to more than { $mib } MiB, more than a questionnaire needs
xls-sheet-unsupported = has an { $sheet } sheet, which the chat forms do not support
xls-no-survey = has no survey sheet
xls-column-unsupported = is not supported by the chat forms
xls-needed = is needed
xls-label-needed = is needed, in Vietnamese
xls-form-id = must be lowercase letters, digits, - and _ (got "{ $got }")
xls-version = must be a whole number above 0, e.g. 2026112501 (got "{ $got }")
xls-layout = must be by-groups or a layout of flows/layouts/, e.g. appendix-488 (got "{ $got }")
xls-layout-lacks = { $layout } needs { $lacks ->
    [row] the row { $name }
    [part] the part { $name }
   *[question] the question { $name }
  } for { $where }, and the form has none
xls-layout-cell = { $layout } names a cell { $name } it does not define ({ $where }): the layout itself needs mending
xls-layout-agency-sheets = each agency's sheet
xls-layout-sheet = the sheet { $sheet }
xls-layout-column = column { $column } of the sheet { $sheet }
xls-choice-compliance = must be met, partial or not_met (got "{ $got }")
xls-choice-name = must be letters, digits, - and _ without spaces, starting with a letter or digit (got "{ $got }")
xls-choice-twice = { $name } is in list { $list } twice
xls-component-twice = { $id } is there twice, apart: a component's rows go one after another
xls-component-targets = names the select_one questions, field-list groups or repeats that decide the component
xls-target-no-status = { $target } has no select_one whose choices say met, partial or not_met
xls-target-unknown = { $target } is not a question, field-list group or repeat of the survey
xls-target-not-status = { $target } is not a select_one whose choices say met, partial or not_met
xls-min-entries = must be a whole number from 1 (got "{ $got }")
xls-repeat-asks-nothing = the repeat { $repeat } asks nothing
xls-repeat-first-text = the repeat { $repeat } starts with { $name }, a { $type }: its first question must be text, the name of each entry
xls-repeat-name = the repeat { $repeat } has a later question called name, the word its entries' names go under: rename it
xls-end-without-begin = { $type } without a begin_{ $kind }
xls-end-mismatch = { $type } where begin_{ $kind } { $name } (row { $row }) is still open
xls-section-empty = the { $kind } { $name } is empty
xls-never-ended = begin_{ $kind } { $name } is never ended
xls-asks-nothing = asks nothing
xls-appearance = { $appearance } on a { $type } is not supported by the chat forms (they take field-list on groups, month-year on dates, phone and email on text)
xls-only-rows = is for field-list groups and repeats
xls-only-repeats = is for repeats
xls-only-text = is for text questions
xls-only-integer = is for integer questions
xls-only-hint = is for questions, field-list groups and repeats
xls-name = must be letters, digits and _, starting with a letter (got "{ $got }")
xls-name-twice = { $name } is used twice
xls-relevant-self-answer = cannot read . (the answer is not given yet when relevant decides)
xls-constraint-self = refers to { $ref } itself: write . for the answer
xls-relevant-self = refers to the question itself
xls-ref-unknown = refers to { $ref }, which is not in the survey
xls-ref-shared = refers to { $ref }, a name several groups use: only a question of the same field-list group or repeat can read it
xls-ref-later = refers to { $ref }, which comes later
xls-ref-repeat = refers to { $ref }, which is inside the repeat { $repeat }
xls-repeat-in-repeat = a repeat inside the repeat { $repeat } is not supported
xls-field-list-holds = the field-list group { $group } holds questions only
xls-field-list-in-repeat = field-list inside the repeat { $repeat } changes nothing, each entry is already one row: ignored
xls-constraint-on-section = is for questions, not a { $kind }
xls-each = { $source } is not a repeat before this one (each names the repeats whose entries it goes over)
xls-when-empty = must be none or not-yet (got "{ $got }")
xls-type-unsupported = { $type } is not supported by the chat forms (they take { $types }, groups and repeats)
xls-list-needed = { $type } needs its choice list: { $type } <list_name>
xls-list-unknown = the choice list { $list } is not in the choices sheet
xls-after-list = "{ $extra }" after the list is not supported
xls-no-list = { $type } takes no list
xls-required = must be yes or no (got "{ $got }")
xls-note-asks-nothing = a note asks nothing
xls-calculate-asks-nothing = a calculate is worked out, not asked: it takes no required or constraint
xls-calculate-self-answer = cannot read . (a calculate has no answer of its own)
xls-only-calculate = is for calculate rows only
xls-filter-field = reads { $field }, which is no column of the list { $list } in the choices sheet
xls-only-select = is for select_one and select_multiple only
xls-note-relevant = on a note is not supported: a note is shown with the question after it
xls-list-one-choice = the choice list { $list } has one choice; a question needs two or more
xls-whole = must be a whole number from { $low } to { $high } (got "{ $got }")
xls-max-below-min = is below min ({ $min })
xls-at-least = names { $name }, not an earlier integer question of the same field-list group or repeat
xls-profile = must be one of { $profiles } (got "{ $got }")
xls-suggest = must be agency or system (got "{ $got }")
# Settings are optional (pyxform's rules): what the importer assumed instead.
xls-form-id-needed = is needed: the workbook has no form_id and no file name to take it from
xls-form-id-kept = "{ $got }" is kept as { $id } (lowercase letters, digits, - and _)
xls-version-time = "{ $got }" is not a whole number: the version is the import time, { $version }
xls-label-needed-in = is needed, in { $language } (the language this form is written in)
xls-column-twice = is the same column as { $other }
xls-choice-name-function = jr:choice-name() is supported by the chat forms only as jr:choice-name(${"{"}q{"}"}, '${"{"}q{"}"}') in a label, hint or constraint message
xls-none-option = add_none_option is not supported by the chat forms
# Warnings: the workbook imports all the same.
xls-warn-sheet = the sheet "{ $sheet }" looks like { $expected } misspelt; it is not read
xls-warn-choice-label = is empty in the list { $list }: the chat shows each choice's name instead
xls-warn-column = is not an XLSForm column: ignored
xls-warn-column-like = is not an XLSForm column, perhaps { $column } misspelt: ignored
xls-warn-display = only changes how ODK shows or sends the form: ignored
xls-warn-appearance = { $appearance } only changes how ODK draws the question: ignored
xls-warn-metadata = { $type } is recorded by ODK itself; the bot keeps its own (who answered, when): ignored
xls-warn-language = is in a language the bot does not speak ({ $language }): ignored
xls-warn-no-vietnamese = has no Vietnamese texts: Vietnamese members read the { $language } ones
xls-warn-unmarked = has no language written: its texts are taken for Vietnamese (write label::English (en) if they are not)
# An expression that does not parse (src/form/xlsform/expression.ts), with where it goes wrong.
xls-expression = { $error } (at character { $at } of "{ $source }")
xls-expr-unclosed = a quoted text that is never closed
xls-expr-reference = a reference is written ${"{"}name{"}"}
xls-expr-character = "{ $char }" is not part of the expressions a chat form supports
xls-expr-value-expected = "{ $token }" where a value was expected
xls-expr-not-reference = "{ $word }" is neither a reference (${"{"}name{"}"}) nor a function
xls-expr-function = the function { $fn }() is not supported
xls-expr-arguments = { $fn }() takes { $count ->
    [one] { $count } argument
   *[other] { $count } arguments
  }
xls-expr-ends = the expression ends where a value was expected
xls-expr-expected = "{ $symbol }" expected
xls-expr-more = more after the end of the expression
# After a workbook imported (src/desk/forms.ts): its warnings follow, one a line.
forms-warnings = ⚠️ { $count } { $count ->
    [one] thing
   *[other] things
  } the chat ignores or assumed; mend the workbook and import it again if they matter:

# or_other: the choice it adds, and the question that asks what it is.
xls-other-choice = Other
xls-other-specify = Other: please specify

# jr:choice-name(${q}, '${q}') shows the label of a choice: q must be a select.
xls-choice-name-select = shows the label of the choice chosen in { $ref } with jr:choice-name(), but { $ref } is no select_one or select_multiple

# regex(., 'pattern') in an expression.
xls-expr-regex-quoted = regex() takes its pattern written in quotes, as regex(., '^[0-9]{"{"}6{"}"}$')
xls-expr-regex-long = a regex() pattern may be { $most } characters long at most
xls-expr-regex-invalid = the regex() pattern "{ $pattern }" is not a regular expression the chat can read
xls-expr-regex-slow = the regex() pattern "{ $pattern }" cannot be checked quickly on every answer (a backreference such as \1, a lookahead or lookbehind, or a repetition counted too high such as {"{"}1,1000{"}"}): write it without those
xls-expr-regex-unicode = the regex() pattern "{ $pattern }" uses \p{"{"}…{"}"} or \u{"{"}…{"}"}, which the chat does not read: list the characters in brackets instead, e.g. [A-Za-zÀ-ỹ ]

# default: a value written out, which the chat offers as a one-tap answer (never stored by itself).
xls-default-dynamic = "{ $got }" is worked out from the form; the chat offers only a value written out as a suggested answer: write that value, or leave the default column empty
xls-default-type = does not apply to a question of type { $type }: it has no answer to suggest beforehand
xls-default-choice = "{ $got }" is not the name of a choice of the list { $list } (for select_multiple: names separated by spaces)
xls-default-refused = "{ $got }" is not an answer this question takes: { $reason }
