# Lỗi của tệp XLSForm (src/form/xlsform/read.ts), sau "trang dòng N: cột".
xls-where-row = { $sheet } dòng { $row }
xls-not-xlsx = không phải tệp Excel .xlsx
xls-too-big = giải nén ra hơn { $mib } MiB, quá lớn đối với một biểu mẫu
xls-sheet-unsupported = có trang { $sheet }, biểu mẫu trò chuyện không hỗ trợ
xls-no-survey = thiếu trang survey
xls-column-unsupported = không được biểu mẫu trò chuyện hỗ trợ
xls-needed = còn trống, cần điền
xls-label-needed = còn trống, cần điền bằng tiếng Việt
xls-form-id = chỉ gồm chữ thường, chữ số, - và _ (đang là "{ $got }")
xls-version = phải là số nguyên lớn hơn 0, ví dụ 2026112501 (đang là "{ $got }")
xls-layout = phải là by-groups hoặc một bố cục trong flows/layouts/, ví dụ appendix-488 (đang là "{ $got }")
xls-layout-lacks = bố cục { $layout } cần { $lacks ->
    [row] dòng { $name }
    [part] phần { $name }
   *[question] câu hỏi { $name }
  } cho { $where }, nhưng biểu mẫu không có
xls-layout-cell = bố cục { $layout } dùng ô { $name } mà không định nghĩa ({ $where }): chính bố cục cần sửa
xls-layout-agency-sheets = trang của từng cơ quan
xls-layout-sheet = trang { $sheet }
xls-layout-column = cột { $column } của trang { $sheet }
xls-choice-compliance = phải là met, partial hoặc not_met (đang là "{ $got }")
xls-choice-name = chỉ gồm chữ, chữ số, - và _, không có dấu cách, bắt đầu bằng chữ hoặc chữ số (đang là "{ $got }")
xls-choice-twice = { $name } có hai lần trong danh sách { $list }
xls-component-twice = { $id } có hai lần, không liền nhau: các dòng của một thành phần phải liền nhau
xls-component-targets = cần ghi các câu select_one, nhóm field-list hoặc danh sách quyết định thành phần này
xls-target-no-status = { $target } không có câu select_one nào có lựa chọn ghi met, partial hoặc not_met
xls-target-unknown = { $target } không phải câu hỏi, nhóm field-list hay danh sách nào của trang survey
xls-target-not-status = { $target } không phải câu select_one có lựa chọn ghi met, partial hoặc not_met
xls-min-entries = phải là số nguyên từ 1 (đang là "{ $got }")
xls-repeat-asks-nothing = danh sách { $repeat } không hỏi gì
xls-repeat-first-text = danh sách { $repeat } bắt đầu bằng { $name }, kiểu { $type }: câu đầu tiên phải là text, tên của từng mục
xls-repeat-name = danh sách { $repeat } có một câu sau tên là name, trùng với chỗ lưu tên các mục: hãy đổi tên câu đó
xls-end-without-begin = { $type } mà không có begin_{ $kind } trước đó
xls-end-mismatch = { $type } trong khi begin_{ $kind } { $name } (dòng { $row }) chưa đóng
xls-section-empty = { $kind } { $name } trống
xls-never-ended = begin_{ $kind } { $name } không được đóng
xls-asks-nothing = không hỏi gì
xls-appearance = { $appearance } với { $type } không được biểu mẫu trò chuyện hỗ trợ (chỉ nhận field-list cho nhóm, month-year cho ngày, phone và email cho text)
xls-only-rows = chỉ dùng cho nhóm field-list và danh sách
xls-only-repeats = chỉ dùng cho danh sách (repeat)
xls-only-text = chỉ dùng cho câu hỏi text
xls-only-integer = chỉ dùng cho câu hỏi integer
xls-only-hint = chỉ dùng cho câu hỏi, nhóm field-list và danh sách
xls-name = chỉ gồm chữ, chữ số và _, bắt đầu bằng chữ (đang là "{ $got }")
xls-name-twice = { $name } được dùng hai lần
xls-relevant-self-answer = không đọc được . (khi relevant quyết định thì câu trả lời chưa có)
xls-constraint-self = đọc chính { $ref }: hãy viết . để chỉ câu trả lời
xls-relevant-self = đọc chính câu hỏi này
xls-ref-unknown = đọc { $ref }, không có trong trang survey
xls-ref-shared = đọc { $ref }, một tên nhiều nhóm dùng: chỉ câu hỏi cùng nhóm field-list hoặc danh sách mới đọc được
xls-ref-later = đọc { $ref }, câu này đứng sau
xls-ref-repeat = đọc { $ref }, câu này nằm trong danh sách { $repeat }
xls-repeat-in-repeat = không hỗ trợ danh sách nằm trong danh sách { $repeat }
xls-field-list-holds = nhóm field-list { $group } chỉ chứa câu hỏi
xls-field-list-in-repeat = field-list trong danh sách { $repeat } không thay đổi gì, mỗi mục đã là một dòng: bỏ qua
xls-constraint-on-section = chỉ dùng cho câu hỏi, không dùng cho { $kind }
xls-each = { $source } không phải danh sách đứng trước (each ghi các danh sách mà khối này hỏi theo từng mục)
xls-when-empty = phải là none hoặc not-yet (đang là "{ $got }")
xls-type-unsupported = { $type } không được biểu mẫu trò chuyện hỗ trợ (chỉ nhận { $types }, nhóm và danh sách)
xls-list-needed = { $type } cần tên danh sách lựa chọn: { $type } <list_name>
xls-list-unknown = danh sách lựa chọn { $list } không có trong trang choices
xls-after-list = không hỗ trợ "{ $extra }" sau tên danh sách
xls-no-list = { $type } không dùng danh sách lựa chọn
xls-required = phải là yes hoặc no (đang là "{ $got }")
xls-note-asks-nothing = ghi chú (note) không hỏi gì
xls-calculate-asks-nothing = calculate được tính ra, không hỏi: không dùng required hay constraint
xls-calculate-self-answer = không đọc được . (calculate không có câu trả lời riêng)
xls-only-calculate = chỉ dùng cho dòng calculate
xls-filter-field = đọc { $field }, không phải cột nào của danh sách { $list } trong trang choices
xls-only-select = chỉ dùng cho select_one và select_multiple
xls-note-relevant = không dùng cho ghi chú: ghi chú hiện cùng câu hỏi sau nó
xls-list-one-choice = danh sách lựa chọn { $list } chỉ có một lựa chọn; câu hỏi cần từ hai trở lên
xls-whole = phải là số nguyên từ { $low } đến { $high } (đang là "{ $got }")
xls-max-below-min = nhỏ hơn min ({ $min })
xls-at-least = ghi { $name }, không phải câu integer đứng trước trong cùng nhóm field-list hoặc danh sách
xls-profile = phải là một trong { $profiles } (đang là "{ $got }")
xls-suggest = phải là agency hoặc system (đang là "{ $got }")
# Trang settings không bắt buộc (theo pyxform): những gì được tự điền thay.
xls-form-id-needed = còn trống: tệp không có form_id và không có tên tệp để lấy
xls-form-id-kept = "{ $got }" được ghi thành { $id } (chữ thường, chữ số, - và _)
xls-version-time = "{ $got }" không phải số nguyên: phiên bản lấy theo thời điểm nhập, { $version }
xls-label-needed-in = còn trống, cần điền bằng { $language } (ngôn ngữ của biểu mẫu này)
xls-column-twice = trùng với cột { $other }
xls-choice-name-function = biểu mẫu trò chuyện chỉ hỗ trợ jr:choice-name() ở dạng jr:choice-name(${"{"}q{"}"}, '${"{"}q{"}"}'), trong nhãn, gợi ý hoặc thông báo ràng buộc
xls-none-option = add_none_option không được biểu mẫu trò chuyện hỗ trợ
# Cảnh báo: tệp vẫn được nhập.
xls-warn-sheet = trang "{ $sheet }" có vẻ là { $expected } viết sai; trang này không được đọc
xls-warn-choice-label = còn trống trong danh sách { $list }: trò chuyện hiện tên của lựa chọn thay cho nhãn
xls-warn-column = không phải cột của XLSForm: bỏ qua
xls-warn-column-like = không phải cột của XLSForm, có lẽ là { $column } viết sai: bỏ qua
xls-warn-display = chỉ thay đổi cách ODK hiển thị hoặc gửi biểu mẫu: bỏ qua
xls-warn-appearance = { $appearance } chỉ thay đổi cách ODK hiển thị câu hỏi: bỏ qua
xls-warn-metadata = { $type } do ODK tự ghi; trợ lý tự ghi thông tin của mình (ai trả lời, lúc nào): bỏ qua
xls-warn-language = là ngôn ngữ trợ lý không dùng ({ $language }): bỏ qua
xls-warn-no-vietnamese = không có câu chữ tiếng Việt: thành viên dùng tiếng Việt sẽ đọc bản { $language }
xls-warn-unmarked = không ghi ngôn ngữ: câu chữ được coi là tiếng Việt (nếu không phải, ghi label::English (en))
# Biểu thức không đọc được (src/form/xlsform/expression.ts), kèm chỗ sai.
xls-expression = { $error } (ở ký tự thứ { $at } của "{ $source }")
xls-expr-unclosed = đoạn chữ trong dấu nháy không được đóng
xls-expr-reference = tham chiếu viết là ${"{"}tên{"}"}
xls-expr-character = "{ $char }" không thuộc các biểu thức biểu mẫu trò chuyện hỗ trợ
xls-expr-value-expected = "{ $token }" ở chỗ cần một giá trị
xls-expr-not-reference = "{ $word }" không phải tham chiếu (${"{"}tên{"}"}) cũng không phải hàm
xls-expr-function = không hỗ trợ hàm { $fn }()
xls-expr-arguments = { $fn }() nhận { $count } tham số
xls-expr-ends = biểu thức kết thúc ở chỗ cần một giá trị
xls-expr-expected = thiếu "{ $symbol }"
xls-expr-more = còn nội dung sau khi biểu thức đã kết thúc
# After a workbook imported (src/desk/forms.ts): its warnings follow, one a line.
forms-warnings = ⚠️ { $count } điểm trò chuyện bỏ qua hoặc tự điền; nếu cần, sửa tệp rồi nhập lại:

# or_other: lựa chọn thêm vào, và câu hỏi ghi rõ lựa chọn đó.
xls-other-choice = Khác
xls-other-specify = Khác: đề nghị ghi rõ

# jr:choice-name(${q}, '${q}') hiện nhãn của lựa chọn: q phải là câu hỏi chọn.
xls-choice-name-select = dùng jr:choice-name() để hiện nhãn lựa chọn của { $ref }, nhưng { $ref } không phải câu hỏi select_one hay select_multiple

# regex(., 'mẫu') trong biểu thức.
xls-expr-regex-quoted = mẫu của regex() phải viết trong dấu nháy, ví dụ regex(., '^[0-9]{"{"}6{"}"}$')
xls-expr-regex-long = mẫu của regex() dài tối đa { $most } ký tự
xls-expr-regex-invalid = mẫu regex() "{ $pattern }" không phải biểu thức chính quy trò chuyện đọc được
xls-expr-regex-slow = mẫu regex() "{ $pattern }" không kiểm tra nhanh được với mọi câu trả lời (tham chiếu ngược \1, nhìn trước/nhìn sau, hoặc số lần lặp quá lớn như {"{"}1,1000{"}"}): đề nghị viết lại không dùng những cách đó
xls-expr-regex-unicode = mẫu regex() "{ $pattern }" dùng \p{"{"}…{"}"} hoặc \u{"{"}…{"}"}, trò chuyện không đọc được: đề nghị liệt kê các ký tự trong ngoặc vuông, ví dụ [A-Za-zÀ-ỹ ]

# default: một giá trị viết sẵn, trò chuyện đưa ra như một câu trả lời bấm một lần (không tự lưu).
xls-default-dynamic = "{ $got }" là biểu thức tính từ biểu mẫu; trò chuyện chỉ đưa ra một giá trị viết sẵn làm câu trả lời gợi ý: đề nghị ghi giá trị đó, hoặc bỏ trống cột default
xls-default-type = không dùng được cho câu hỏi loại { $type }: câu này không có câu trả lời nào để gợi ý trước
xls-default-choice = "{ $got }" không phải tên lựa chọn nào của danh sách { $list } (với select_multiple: các tên cách nhau bởi dấu cách)
xls-default-refused = "{ $got }" không phải câu trả lời câu hỏi này nhận: { $reason }
