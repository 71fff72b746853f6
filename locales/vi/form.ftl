form-standing-not-started =
    { $form ->
        [imported] Biểu mẫu «{ $title }» của <b>{ $agency }</b> chưa được bắt đầu.
       *[488] Báo cáo kết quả triển khai Văn bản 1552 (Phụ lục Văn bản 488) của <b>{ $agency }</b> chưa được bắt đầu.
    }
    Mỗi lần một câu hỏi; có thể dừng và tiếp tục bất cứ lúc nào, câu trả lời được lưu ngay.
form-standing-in-progress = { $part ->
        [none] Báo cáo của <b>{ $agency }</b> đã trả lời đủ nhưng chưa gửi: mở để xem lại rồi gửi.
       *[other] Báo cáo của <b>{ $agency }</b> đang được điền: đã xong { $percent }%, đang ở Phần { $part }.
    }
form-standing-reopened = Báo cáo của <b>{ $agency }</b> đã được mở lại để sửa: đã xong { $percent }%.
form-standing-submitted = Báo cáo của <b>{ $agency }</b> đã được gửi lúc { $when }. Có thể xem lại hoặc mở lại để sửa trước khi đợt báo cáo kết thúc.

form-progress = Phần { $part }/{ $parts } · { $percent }%
form-row = Hàng { $number } · { $name }
form-row-system = Hàng { $number }
form-part-heading = Phần { $part }
form-how-integer = Gõ một số, ví dụ 12.
form-how-month = Gõ tháng và năm, ví dụ 06/2027.
form-how-phone = Gõ số điện thoại, ví dụ 0912 345 678.
form-how-email = Gõ địa chỉ thư điện tử (email).
form-how-decimal = Gõ một số, có thể có phần lẻ, ví dụ 12,5.
form-how-date = Gõ ngày, tháng và năm, ví dụ 25/11/2026.
form-how-multi = Gõ số của các phương án đã chọn, cách nhau bởi dấu phẩy, ví dụ 1, 3.
form-optional = (không bắt buộc)
form-current = Đã trả lời: <b>{ $value }</b>
form-current-skipped = Câu này đã được bỏ qua.

form-list-none = không có
form-list-not-yet = chưa kết nối (chưa đáp ứng)
form-list-count =
    { $entries ->
        [system] { $count } hệ thống
       *[entry] { $count } mục
    }
form-list-prompt-first =
    { $entries ->
        [system] Gõ tên hệ thống thứ nhất (mỗi tin nhắn một hệ thống). Nếu đơn vị không có hệ thống nào, chọn "Không có".
       *[entry] Gõ tên mục thứ nhất (mỗi tin nhắn một mục). Nếu không có mục nào, chọn "Không có".
    }
form-list-prompt-first-not-yet =
    { $entries ->
        [system] Gõ tên hệ thống thứ nhất (mỗi tin nhắn một hệ thống). Nếu chưa kết nối hệ thống nào, chọn "Chưa kết nối".
       *[entry] Gõ tên mục thứ nhất (mỗi tin nhắn một mục). Nếu chưa có mục nào, chọn "Chưa kết nối".
    }
form-list-prompt-first-counted = Gõ tên mục thứ nhất (mỗi tin nhắn một mục).
form-list-prompt-counted-full = Đủ số mục cần. Chọn số của một mục để xem, sửa.
form-list-prompt =
    { $entries ->
        [system] Gõ tên hệ thống khác để thêm; chọn số của một hệ thống để xem, sửa.
       *[entry] Gõ tên mục khác để thêm; chọn số của một mục để xem, sửa.
    }
form-new-entry =
    { $entries ->
        [system] Gõ tên hệ thống thứ { $n }:
       *[entry] Gõ tên mục thứ { $n }:
    }
form-entry-prompt = Chọn số để sửa câu trả lời tương ứng.
form-confirm-delete =
    { $entries ->
        [system] Xoá hệ thống <b>{ $name }</b> cùng mọi câu trả lời về hệ thống này?
       *[entry] Xoá mục <b>{ $name }</b> cùng mọi câu trả lời của mục này?
    }
form-entry-deleted =
    { $entries ->
        [system] Đã xoá hệ thống.
       *[entry] Đã xoá mục.
    }
form-list-wanted = Danh sách này cần { $count } mục; đã có { $have }.
form-list-full =
    { $entries ->
        [system] Danh sách đã đủ { $max } hệ thống, không thêm được nữa.
       *[entry] Danh sách đã đủ { $max } mục, không thêm được nữa.
    }
# A system listed in several rows (1, 4.1–4.3) under one name, renamed in one of them. $places: form-same-system-place, joined by commas.
form-same-system =
    Hệ thống này cũng được kê ở { $places }. Đổi tên thành <b>{ $name }</b>: vẫn là cùng một hệ thống?
    <i>Cùng một hệ thống: đổi tên cả ở đó. Hệ thống khác: chỉ đổi tên ở đây, hàng { $each } sẽ hỏi riêng cho hệ thống này.</i>
form-same-system-place = hàng { $number } (tên <i>{ $name }</i>)
form-button-same-system = Cùng một hệ thống
form-button-other-system = Hệ thống khác
# A rename onto the name of a system listed in another row: they are one system now.
form-system-joined = Tên này trùng với hệ thống đã kê ở hàng { $row }: từ nay là một hệ thống, hàng { $each } hỏi chung một lần.

form-review-title = Xem lại báo cáo của { $agency }
form-part-complete = đã trả lời đủ { $count } câu{ $skipped ->
        [0] {""}
       *[other] , bỏ qua { $skipped } câu
    }
form-part-open = còn { $count } câu chưa trả lời
form-value-skipped = <i>(bỏ qua)</i>
form-value-missing = <i>(chưa trả lời)</i>
form-system-open = còn { $count } câu chưa trả lời
form-each-on-systems = trả lời theo từng hệ thống, ở dòng của hệ thống{ $open ->
        [0] {""}
       *[other] ; còn { $open } câu chưa trả lời
    }
form-review-open = Còn { $count } câu chưa trả lời. Chọn "Tiếp tục điền" để trả lời tiếp, hoặc chọn một phần để xem.
form-review-complete = Đã trả lời đủ. Chọn từng phần để kiểm tra và sửa nếu cần, rồi chọn "Gửi báo cáo".
form-review-submitted = Báo cáo đã được gửi. Chọn một phần để xem; muốn sửa, chọn "Mở lại để sửa".
form-review-reopened = Báo cáo đã được mở lại để sửa, chưa gửi lại.
form-review-part-prompt = Chọn số để sửa một câu trả lời, hoặc mở một hệ thống, một danh sách.
form-review-part-lists = Chọn một danh sách để xem, thêm, sửa hoặc xoá.
form-submitted =
    Đã gửi báo cáo của <b>{ $agency }</b> lúc { $when }.
    Xin cảm ơn anh/chị. Có thể mở lại để sửa đến khi hết đợt báo cáo.
form-paused = Đã tạm dừng, báo cáo đã xong { $percent }%. Mọi câu trả lời đã được lưu. Khi quay lại, chọn "Tiếp tục điền" hoặc gõ /start.

form-stale-button = Nút này thuộc một màn hình cũ. Đề nghị dùng tin nhắn mới nhất.
form-use-buttons =
    { $surface ->
        [typed] Đề nghị gõ số của một dòng, hoặc một lệnh ở dòng "Gõ:" bên dưới.
       *[buttons] Đề nghị bấm một trong các nút bên dưới.
    }
form-text-expected = Câu hỏi này cần trả lời bằng chữ; ảnh, nhãn dán hay tin nhắn thoại không được ghi nhận.
form-cannot-skip = Câu hỏi này bắt buộc, không bỏ qua được. Nếu chưa có thông tin, chọn "Để sau": câu hỏi vẫn để ngỏ và phải trả lời trước khi gửi báo cáo.
form-required-later = Câu hỏi vừa rồi là bắt buộc: vẫn để ngỏ, cần trả lời trước khi gửi báo cáo.
form-at-first = Đây là câu hỏi đầu tiên.
form-incomplete = Chưa gửi được: còn { $count } câu chưa trả lời:
form-open-more = và { $count } câu khác
form-open-list = danh sách chưa xác nhận đủ
form-round-closed = Đợt báo cáo đã kết thúc; báo cáo chỉ còn xem được, không sửa được nữa.
form-submitted-locked = Báo cáo đã được gửi. Muốn sửa, chọn "Mở lại để sửa" trước.

form-button-start = Bắt đầu điền
form-button-continue = Tiếp tục điền
form-button-view = Xem báo cáo
form-button-keep = Giữ nguyên
form-button-skip = Bỏ qua
form-button-later = Để sau
form-button-acknowledge = Đã rõ
form-button-back = Quay lại
form-button-review = Xem lại
form-button-pause = Tạm dừng
form-button-cancel = Huỷ
form-button-entry = { $n }
form-button-add =
    { $entries ->
        [system] Thêm hệ thống
       *[entry] Thêm mục
    }
form-button-none = Không có
form-button-confirm-part = Vẫn đúng
form-carried-note = Phần này đã được điền sẵn từ báo cáo đơn vị gửi ở đợt trước. Nếu vẫn đúng, chọn "Vẫn đúng"; nếu có thay đổi, chọn số của câu cần sửa.
form-button-not-yet = Chưa kết nối
form-button-suggest = { $value }
form-button-list-done = Đã đủ danh sách
form-button-confirm-delete = Xoá
form-button-delete =
    { $entries ->
        [system] Xoá hệ thống này
       *[entry] Xoá mục này
    }
form-button-edit-n = { $n }
form-button-back-to-list = Về danh sách
form-button-back-to-part = Về phần này
form-button-part = Phần { $part }
form-button-back-to-review = Về trang xem lại
form-button-submit = Gửi báo cáo
form-button-reopen = Mở lại để sửa

invalid-empty = Câu trả lời đang để trống. Đề nghị gõ lại.
invalid-acknowledge = Đồng chí bấm "Đã rõ" (hoặc gõ "đã rõ") để xác nhận đã đọc.
invalid-text-too-long = Câu trả lời dài { $length } ký tự, quá { $max } ký tự cho phép. Đề nghị rút gọn.
invalid-choice =
    { $surface ->
        [typed] Không có phương án này. Gõ số từ 1 đến { $count }, hoặc chữ của phương án.
       *[buttons] Không có phương án này. Bấm một phương án, hoặc gõ số từ 1 đến { $count }.
    }
invalid-integer = Gõ một số, ví dụ 12 (không cần ghi đơn vị).
invalid-integer-range = Gõ một số từ { $min } đến { $max }.
invalid-integer-at-least = Số này không được nhỏ hơn { $min } (đã trả lời ở câu trước).
invalid-month = Gõ tháng và năm, ví dụ 06/2027.
invalid-month-no-year = Thiếu năm: gõ tháng và năm, ví dụ { $example }.
invalid-month-quarter = Câu này hỏi tháng. Quý { $quarter } năm { $year } ghi là tháng cuối quý, { $month }: { $surface ->
        [typed] nếu đúng, gõ { $month }.
       *[buttons] nếu đúng, bấm { $month } hoặc gõ { $month }.
    }
invalid-month-range = Tháng và năm phải trong khoảng từ { $from } đến { $to }.
invalid-phone = Số điện thoại chưa đúng: số di động có 10 chữ số (ví dụ 0912 345 678), số cố định có 11 chữ số (ví dụ 024 3943 4567).
invalid-email = Địa chỉ thư điện tử chưa đúng, ví dụ: ten@sokhcn.hanoi.gov.vn
invalid-decimal = Gõ một số, ví dụ 12 hoặc 12,5.
invalid-date = Gõ một ngày có thật, theo thứ tự ngày, tháng, năm, ví dụ 25/11/2026.
invalid-multi = Gõ số của các phương án (từ 1 đến { $count }), cách nhau bởi dấu phẩy, ví dụ 1, 3.
invalid-constraint =
    { $reason ->
        [none] Câu trả lời chưa đúng yêu cầu của câu hỏi. Đề nghị gõ lại.
       *[other] { $reason }
    }
form-summary-compliant = Với báo cáo này, <b>{ $agency }</b> được tính là <b>đáp ứng 100% yêu cầu</b>.
form-summary-not-compliant = <b>{ $agency }</b> <b>chưa</b> đạt 100% yêu cầu, còn vướng ở:
form-summary-component = Hàng { $number } ({ $name })
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
form-how-image =
    { $surface ->
        [typed] Gửi một ảnh: bấm biểu tượng ảnh ở khung chat, chọn ảnh có sẵn hoặc chụp ảnh mới.
       *[buttons] Gửi một ảnh: bấm nút đính kèm (📎), chọn ảnh có sẵn hoặc chụp ảnh mới.
    }
form-how-geopoint =
    { $surface ->
        [typed] Gõ vĩ độ và kinh độ, cách nhau bởi dấu phẩy, ví dụ 21.0285, 105.8542 (trên Google Maps: giữ tay lên điểm cần lấy để thấy hai số này).
       *[buttons] Gửi vị trí: bấm nút đính kèm (📎), chọn "Vị trí". Hoặc gõ vĩ độ và kinh độ, ví dụ 21.0285, 105.8542.
    }
invalid-image =
    { $surface ->
        [typed] Gửi một ảnh cho câu hỏi này (bấm biểu tượng ảnh ở khung chat); chữ gõ vào không được ghi nhận.
       *[buttons] Gửi một ảnh cho câu hỏi này (bấm nút đính kèm 📎); chữ gõ vào không được ghi nhận.
    }
invalid-geopoint = Chưa đọc được vị trí. Gõ vĩ độ và kinh độ, cách nhau bởi dấu phẩy, ví dụ 21.0285, 105.8542.
invalid-geopoint-range = Vĩ độ phải từ -90 đến 90 và kinh độ từ -180 đến 180, ví dụ 21.0285, 105.8542.
form-photo-not-kept = Chưa nhận được ảnh này (ảnh quá lớn hoặc không tải về được). Đề nghị gửi lại, hoặc gửi một ảnh nhỏ hơn.
