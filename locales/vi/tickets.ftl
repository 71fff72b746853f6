ticket-button-ask = Hỏi tư vấn
ticket-button-answer = Trả lời
ticket-button-answer-id = Trả lời #{ $id }
ticket-button-close = Đóng câu hỏi
ticket-button-hand-over = Chuyển bộ phận thường trực
ticket-button-reassign = Giao đầu mối
ticket-button-more = Hỏi thêm
ticket-button-cancel = Huỷ

ticket-heading = Câu hỏi #{ $id } — { $agency }
ticket-from = Người hỏi: { $name }
ticket-item = Về mục: { $item }
ticket-no-text = (không có lời, xem tệp đính kèm)
ticket-reason-no-consultant = Tỉnh chưa có đầu mối tư vấn nên câu hỏi được chuyển bộ phận thường trực.
ticket-reason-ministry = Câu hỏi của bộ, ngành: bộ phận thường trực trả lời.
ticket-reason-not-joined = Đầu mối tư vấn của tỉnh chưa đăng ký dùng trợ lý nên câu hỏi được chuyển bộ phận thường trực.
ticket-reason-handed-over = Đầu mối tư vấn đã chuyển câu hỏi cho bộ phận thường trực.
ticket-reason-escalated = Quá hạn trả lời nên câu hỏi được chuyển bộ phận thường trực.
ticket-reason-reassigned = Bộ phận thường trực đã giao lại câu hỏi.
ticket-holder-consultant = đầu mối tư vấn { $name }
ticket-holder-secretariat = Bộ phận thường trực ({ $secretariatName })
ticket-said-officer = Người hỏi
ticket-said-consultant = Đầu mối
ticket-said-secretariat = Bộ phận thường trực
ticket-earlier = … và { $count } tin nhắn trước đó (xem đủ bằng /queue)
ticket-attachment = Tệp kèm câu hỏi #{ $id }

ticket-ask-prompt = Nhập câu hỏi gửi đầu mối tư vấn (có thể gửi kèm ảnh chụp màn hình hoặc tài liệu).
ticket-ask-about = Câu hỏi về: { $item }
ticket-sent = ✅ Đã gửi câu hỏi #{ $id }. Người trả lời: { $holder }. Câu trả lời sẽ được gửi về đây.
ticket-follow-up = Người hỏi viết thêm:
ticket-follow-up-prompt = Nhập nội dung hỏi thêm cho câu hỏi #{ $id }:
ticket-follow-up-sent = ✅ Đã gửi thêm vào câu hỏi #{ $id }.
ticket-answer-heading = Trả lời câu hỏi #{ $id }
ticket-answer-prompt = Nhập câu trả lời cho câu hỏi #{ $id } (hoặc trả lời thẳng vào tin nhắn câu hỏi):
ticket-answer-sent = ✅ Đã gửi câu trả lời cho câu hỏi #{ $id }.
ticket-hand-over-prompt = Ghi chú cho bộ phận thường trực về câu hỏi #{ $id } (lý do chuyển):
ticket-handed-over = ↪️ Đầu mối chuyển câu hỏi cho bộ phận thường trực. Ghi chú: { $note }
ticket-handed-over-done = ✅ Đã chuyển câu hỏi #{ $id } cho bộ phận thường trực.
ticket-closed-done = ✅ Đã đóng câu hỏi #{ $id }.
ticket-reassign-prompt = Giao câu hỏi #{ $id } cho đầu mối:
ticket-reassigned = Bộ phận thường trực giao cho anh/chị câu hỏi sau.
ticket-reassigned-done = ✅ Đã giao câu hỏi #{ $id } cho { $name }.
ticket-reminder = ⏰ { $heading } đang chờ trả lời. Đề nghị anh/chị trả lời sớm.
ticket-escalation = Câu hỏi quá hạn trả lời, chuyển bộ phận thường trực.
ticket-escalated = { $heading } đã quá hạn trả lời và được chuyển cho bộ phận thường trực.
ticket-closed = ✅ Câu hỏi #{ $id } đã được đóng. Nếu còn vướng mắc, anh/chị có thể hỏi lại bằng /ask.
ticket-cancelled = Đã huỷ.
ticket-text-expected = Vui lòng gửi chữ, ảnh hoặc tài liệu.

ticket-refused-not-found = Không tìm thấy câu hỏi này.
ticket-refused-not-yours = Câu hỏi này không do anh/chị phụ trách.
ticket-refused-changed = Câu hỏi vừa được người khác xử lý cùng lúc; gõ /queue để xem lại rồi thử lại.
ticket-refused-closed = Câu hỏi này đã đóng.
ticket-refused-full = Câu hỏi này đã có quá nhiều tin nhắn. Vui lòng đóng câu hỏi và gửi một câu hỏi mới (/ask).
ticket-officers-only = Chức năng này dành cho cán bộ đầu mối của bộ, ngành, địa phương.
ticket-secretariat-only = Chức năng này dành cho Bộ phận thường trực.
ticket-queue-desk-only = Danh sách câu hỏi dành cho đầu mối tư vấn và bộ phận thường trực.

ticket-queue-title = Câu hỏi đang mở: { $count }
ticket-state-waiting = chờ { NUMBER($amount) } { $unit ->
        [minutes] phút
       *[hours] giờ
    } làm việc
ticket-state-answered = đã trả lời, chưa đóng
ticket-stats-title = Đầu mối tư vấn
ticket-stats-no-answer = chưa có
ticket-stats-line = • { $name }: { $open } câu đang mở; thời gian trả lời (trung vị): { $median }
ticket-stats-median = { NUMBER($amount) } { $unit ->
        [minutes] phút
       *[hours] giờ
    } làm việc
ticket-stats-line-not-joined = • { $name }: { $open } câu đang mở; chưa đăng ký dùng trợ lý

ticket-assign-usage = Cách dùng: /assign <mã tỉnh> <mã đầu mối>, hoặc /assign <mã tỉnh> none để chuyển tỉnh cho bộ phận thường trực. Ví dụ: /assign ha-noi nong-cong-hung
ticket-assign-not-province = Không đổi được: { $province } không phải mã tỉnh, thành phố.
ticket-assign-not-consultant = Không đổi được: không có đầu mối tư vấn mã { $consultant }.
ticket-assign-done = ✅ Từ nay câu hỏi của { $province } do { $who } trả lời.
