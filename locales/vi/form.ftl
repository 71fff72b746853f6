form-standing-not-started =
    { $form ->
        [imported] Biểu mẫu «{ $title }» của <b>{ $agency }</b> chưa được bắt đầu.
       *[488] Báo cáo kết quả triển khai Văn bản 1552 (Phụ lục Văn bản 488) của <b>{ $agency }</b> chưa được bắt đầu.
    }
    Mỗi lần một câu hỏi; có thể dừng và tiếp tục bất cứ lúc nào, mọi câu trả lời đều được lưu ngay.
form-standing-in-progress = Báo cáo của <b>{ $agency }</b> đang được điền: đã xong { $percent }%, đang ở Phần { $part }.
form-standing-reopened = Báo cáo của <b>{ $agency }</b> đã được mở lại để sửa: đã xong { $percent }%.
form-standing-submitted = Báo cáo của <b>{ $agency }</b> đã được gửi lúc { $when }. Có thể xem lại hoặc mở lại để sửa trước khi đợt báo cáo kết thúc.

form-progress = Phần { $part } · câu { $index }/{ $total }
form-progress-part = Phần { $part }
form-part-heading = Phần { $part }.
form-how-text = ✍️ Nhập câu trả lời.
form-how-choice =
    { $surface ->
        [typed] 👉 Gõ số hoặc chữ của phương án.
       *[buttons] 👉 Bấm một nút, hoặc gõ số của phương án.
    }
form-how-integer = 🔢 Nhập một số (ví dụ 12).
form-how-month = 📅 Nhập tháng/năm, ví dụ 06/2027.
form-how-phone = 📞 Nhập số điện thoại, ví dụ 0912 345 678.
form-how-email = ✉️ Nhập địa chỉ email.
form-how-decimal = 🔢 Nhập một số, có thể có phần thập phân (ví dụ 12,5).
form-how-date = 📅 Nhập ngày/tháng/năm, ví dụ 25/11/2026.
form-how-multi = ☑️ Gõ số của các phương án đã chọn, cách nhau bởi dấu phẩy (ví dụ 1, 3).
form-optional = (không bắt buộc: có thể chọn "Bỏ qua")
form-current = Đang lưu: <b>{ $value }</b>
form-current-skipped = Đang lưu: đã bỏ qua.

form-list-empty = Chưa có mục nào.
form-list-none = không có
form-list-not-yet = chưa kết nối (chưa đáp ứng)
form-list-prompt-first = Nhập tên mục thứ nhất (mỗi tin nhắn một mục), hoặc chọn "Không có" nếu đơn vị không có.
form-list-prompt = Nhập tên mục tiếp theo để thêm, chọn một mục để xem/sửa/xoá, hoặc chọn "Đã đủ danh sách".
form-new-entry = Nhập tên mục thứ { $n }:
form-entry-prompt = Chọn số để sửa câu trả lời tương ứng.
form-confirm-delete = Xoá mục <b>{ $name }</b> cùng mọi câu trả lời của mục này?
form-entry-deleted = Đã xoá mục.
form-list-full = Danh sách đã đủ { $max } mục.

form-review-title = Xem lại báo cáo của { $agency }
form-part-complete = ✅ đã trả lời đủ
form-part-open = ⏳ còn { $count } câu chưa trả lời
form-value-skipped = <i>(bỏ qua)</i>
form-value-missing = <i>(chưa trả lời)</i>
form-review-open = Còn { $count } câu chưa trả lời. Chọn "Tiếp tục điền" để trả lời tiếp.
form-review-complete = Đã trả lời đủ. Kiểm tra lại, chọn "Sửa phần …" nếu cần, rồi chọn "Gửi báo cáo".
form-review-submitted = Báo cáo đã được gửi. Chọn "Mở lại để sửa" nếu cần sửa.
form-review-reopened = Báo cáo đã được mở lại để sửa, chưa gửi lại.
form-review-part-prompt = Chọn số để sửa câu trả lời tương ứng.
form-review-part-lists = Chọn một danh sách để xem, thêm, sửa hoặc xoá.
form-submitted =
    ✅ Đã gửi báo cáo của <b>{ $agency }</b> lúc { $when }.
    Cảm ơn anh/chị! Các đồng nghiệp cùng đơn vị cũng thấy báo cáo đã gửi. Vẫn có thể mở lại để sửa cho đến khi đợt báo cáo kết thúc.
form-paused = ⏸ Đã tạm dừng; đã xong { $percent }%. Mọi câu trả lời đã được lưu. Khi quay lại, chọn "Tiếp tục điền" hoặc gõ /start.

form-stale-button = Nút này thuộc một màn hình cũ. Vui lòng dùng tin nhắn mới nhất.
form-use-buttons =
    { $surface ->
        [typed] Vui lòng gõ số của một trong các dòng bên dưới.
       *[buttons] Vui lòng bấm một trong các nút bên dưới.
    }
form-text-expected = Câu hỏi này cần câu trả lời bằng chữ; ảnh, nhãn dán hay tin nhắn thoại không được ghi nhận.
form-cannot-skip = Câu hỏi này bắt buộc, không thể bỏ qua.
form-at-first = Đây là câu hỏi đầu tiên.
form-incomplete = Chưa thể gửi: còn { $count } câu chưa trả lời. Mời trả lời tiếp.
form-round-closed = Đợt báo cáo đã kết thúc; báo cáo chỉ còn xem được, không sửa được nữa.
form-submitted-locked = Báo cáo đã được gửi. Chọn "Mở lại để sửa" trước khi sửa.

form-button-start = ▶️ Bắt đầu điền
form-button-continue = ▶️ Tiếp tục điền
form-button-view = 📋 Xem báo cáo
form-button-keep = ✓ Giữ nguyên
form-button-skip = ⏭ Bỏ qua
form-button-back = ◀️ Quay lại
form-button-review = 📋 Xem lại
form-button-pause = ⏸ Tạm dừng
form-button-cancel = ✖️ Huỷ
form-button-entry = { $n }
form-button-add = ➕ Thêm mục
form-button-none = Không có
form-button-confirm-part = ✅ Vẫn đúng, giữ nguyên phần này
form-carried-note = 📋 Phần này đã được điền sẵn từ báo cáo đơn vị gửi ở đợt trước. Nếu vẫn đúng, chọn "Vẫn đúng"; nếu có thay đổi, chọn số của câu cần sửa.
form-button-not-yet = Chưa kết nối
form-button-suggest = 🏢 { $value }
form-button-list-done = ✅ Đã đủ danh sách
form-button-confirm-delete = 🗑 Xoá
form-button-delete = 🗑 Xoá mục này
form-button-edit-n = { $n }
form-button-back-to-list = ◀️ Về danh sách
form-button-edit-part = ✏️ Sửa phần { $part }
form-button-edit-list = 📝 Danh sách { $number }
form-button-back-to-review = ◀️ Về trang xem lại
form-button-submit = 📨 Gửi báo cáo
form-button-reopen = ✏️ Mở lại để sửa

invalid-empty = Câu trả lời đang trống. Vui lòng nhập lại.
invalid-text-too-long = Câu trả lời dài { $length } ký tự, vượt quá { $max } ký tự cho phép. Vui lòng rút gọn.
invalid-choice =
    { $surface ->
        [typed] Không có phương án này. Vui lòng gõ số từ 1 đến { $count }, hoặc chữ của phương án.
       *[buttons] Không có phương án này. Vui lòng bấm một nút, hoặc gõ số từ 1 đến { $count }.
    }
invalid-integer = Vui lòng nhập một số nguyên không âm, ví dụ 12.
invalid-integer-range = Vui lòng nhập một số từ { $min } đến { $max }.
invalid-integer-at-least = Số này không được nhỏ hơn { $min } (đã trả lời ở câu trước).
invalid-month = Vui lòng nhập tháng/năm theo dạng MM/YYYY, ví dụ 06/2027.
invalid-month-range = Tháng/năm phải trong khoảng từ { $from } đến { $to }.
invalid-phone = Số điện thoại chưa đúng: số di động gồm 10 chữ số (ví dụ 0912 345 678), số cố định gồm 11 chữ số (ví dụ 024 3943 4567).
invalid-email = Địa chỉ email chưa đúng, ví dụ: ten@sotttt.hanoi.gov.vn
invalid-decimal = Vui lòng nhập một số, ví dụ 12 hoặc 12,5.
invalid-date = Vui lòng nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 25/11/2026.
invalid-multi = Vui lòng gõ số của các phương án (từ 1 đến { $count }), cách nhau bởi dấu phẩy, ví dụ 1, 3.
invalid-constraint =
    { $reason ->
        [none] Câu trả lời chưa đúng yêu cầu của câu hỏi. Vui lòng nhập lại.
       *[other] { $reason }
    }
form-summary-compliance = Tóm tắt mức đáp ứng (số thành phần, kể cả từng hệ thống):
form-summary-lists = Số hệ thống đã kê:
form-summary-compliant = 🎯 Với báo cáo này, <b>{ $agency }</b> được tính là <b>đáp ứng 100% yêu cầu</b>.
form-summary-not-compliant = Với báo cáo này, <b>{ $agency }</b> <b>chưa</b> được tính là đáp ứng 100% yêu cầu. Còn vướng ở:
form-summary-component = Mục { $number } ({ $name })
form-summary-status-partial = đáp ứng một phần
form-summary-status-not-met = chưa đáp ứng
form-summary-status-unanswered = chưa trả lời
form-summary-none-listed = chưa kê khai hệ thống nào
form-summary-no-answer = chưa trả lời
form-summary-more = và { $count } chỗ khác
form-standing-returned =
    Bộ phận thường trực ({ $secretariatName }) đã trả lại báo cáo của <b>{ $agency }</b> để sửa: { $comment }
    Sửa xong, vào "Xem lại" và gửi lại báo cáo.
form-screen-again = Màn hình đã thay đổi trước khi tin nhắn của anh/chị tới. Đây là câu hỏi hiện tại:
