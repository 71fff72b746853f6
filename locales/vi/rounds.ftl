round-opened =
    📣 Đợt báo cáo <b>{ $name }</b> đã mở.
    Hạn gửi báo cáo về { $secretariatName }: <b>{ $deadline }</b>. Mỗi lần một câu hỏi; có thể dừng và tiếp tục bất cứ lúc nào.
reminder-shortfalls =
    { $form ->
        [imported] Theo câu trả lời hiện tại, các thành phần chưa đáp ứng đầy đủ yêu cầu: { $components }.
       *[488] Theo câu trả lời hiện tại, các mục của Phụ lục Văn bản 488 chưa đáp ứng đầy đủ: { $components }.
    }
reminder-not-started = ⏰ Nhắc việc: <b>{ $agency }</b> chưa bắt đầu báo cáo đợt <b>{ $name }</b>. Hạn gửi về { $secretariatName }: { $deadline }.
reminder-in-progress = ⏰ Nhắc việc: báo cáo đợt <b>{ $name }</b> của <b>{ $agency }</b> { $part ->
        [none] đã trả lời đủ nhưng chưa gửi.
       *[other] đã xong { $percent }% (đang ở Phần { $part }).
    } Hạn gửi về { $secretariatName }: { $deadline }.
reminder-reopened = ⏰ Nhắc việc: báo cáo đợt <b>{ $name }</b> của <b>{ $agency }</b> đã được mở lại để sửa và chưa gửi lại ({ $percent }%). Hạn gửi về { $secretariatName }: { $deadline }.
reminder-not-started-late = ⚠️ Đã quá hạn { $deadline }: <b>{ $agency }</b> chưa bắt đầu báo cáo đợt <b>{ $name }</b>. Đề nghị khẩn trương thực hiện.
reminder-in-progress-late = ⚠️ Đã quá hạn { $deadline }: báo cáo đợt <b>{ $name }</b> của <b>{ $agency }</b> { $part ->
        [none] đã trả lời đủ nhưng chưa gửi. Đề nghị gửi ngay.
       *[other] mới xong { $percent }% (đang ở Phần { $part }). Đề nghị khẩn trương hoàn thành.
    }
reminder-reopened-late = ⚠️ Đã quá hạn { $deadline }: báo cáo đợt <b>{ $name }</b> của <b>{ $agency }</b> đã được mở lại để sửa nhưng chưa gửi lại. Đề nghị khẩn trương gửi.

broadcast-heading = 📢 <b>Thông báo của Bộ phận thường trực ({ $secretariatName })</b>
broadcast-report = 📊 Kết quả gửi thông báo { $id }: đã gửi { $sent }/{ $total }; bị chặn { $blocked }; lỗi { $failed }.
broadcast-unreached = Chưa tới được: { $agencies }
broadcast-choose-target = Gửi thông báo tới ai?
broadcast-target-everyone = Tất cả thành viên
broadcast-target-provinces = Cán bộ các tỉnh
broadcast-target-ministries = Cán bộ các bộ, ngành
broadcast-target-not-submitted = Chưa nộp đợt { $round }
broadcast-target-consultant = Các tỉnh của { $name }
broadcast-write = Nhập nội dung thông báo (gửi tới { $count } người, { $agencies } đơn vị):
broadcast-confirm = Gửi thông báo sau tới <b>{ $count }</b> người ({ $agencies } đơn vị)?
broadcast-button-send = Gửi
broadcast-queued = ✅ Đã xếp hàng { $count } tin nhắn (thông báo { $id }). Kết quả sẽ được báo khi gửi xong.
broadcast-nobody = Không có ai nhận với lựa chọn này.
broadcast-resend-hint = Gửi lại cho những người chưa nhận được: /broadcast resend { $id }
broadcast-resend-queued = ✅ Đã xếp hàng gửi lại { $count } tin nhắn (thông báo { $id }). Kết quả sẽ được báo khi gửi xong.
broadcast-resend-nothing = Thông báo { $id } đã tới mọi người có thể nhận: không có gì để gửi lại.
broadcast-resend-unknown = Không có thông báo { $id }.
broadcast-unavailable = Chức năng gửi thông báo chưa sẵn sàng trong tiến trình này.
broadcast-refused-unknown-target = Không rõ đối tượng nhận thông báo “{ $target }”.
broadcast-refused-no-provinces = Không có tỉnh, thành phố nào do đầu mối tư vấn { $consultant } phụ trách.

rounds-title = Các đợt báo cáo
rounds-none = Chưa có đợt báo cáo nào. Tạo đợt: /round create Tên đợt; 15/12/2026 17:00; all
rounds-line = • <b>{ $id }</b> — { $name }: { $state }; hạn { $deadline }; đã gửi { $submitted }/{ $targeted }
rounds-state-open = đang mở
rounds-state-closed = đã đóng
rounds-state-scheduled = chưa mở
round-usage =
    Cách dùng:
    /round create Tên đợt; hạn (dd/mm/yyyy hh:mm); đối tượng (all, provinces, ministries hoặc danh sách mã đơn vị); nhắc trước (ví dụ 7,3,1 08:30); biểu mẫu (mã biểu mẫu đã nhập, mặc định 488)
    /round extend &lt;mã đợt&gt; &lt;hạn mới&gt;
    /round close &lt;mã đợt&gt;
    /round reopen &lt;mã đợt&gt;
round-created = ✅ Đã tạo đợt <b>{ $id }</b>: { $name }, hạn { $deadline }. Cán bộ các đơn vị sẽ được thông báo và nhắc việc theo kế hoạch.
round-changed = ✅ Đợt <b>{ $id }</b>: { $state }; hạn { $deadline }.
round-refused-no-name = Cần nhập tên đợt.
round-refused-deadline-not-after-opening = Hạn gửi phải sau thời điểm mở đợt (nếu không nhập thời điểm mở thì phải sau lúc này).
round-refused-bad-id = Mã đợt { $round } không dùng được: mã đợt chỉ gồm tối đa 20 chữ thường không dấu, chữ số và dấu gạch ngang.
round-refused-no-form = Chưa có biểu mẫu { $form }. Hãy nhập biểu mẫu (tệp XLSForm) trước.
round-refused-id-taken = Đã có đợt báo cáo mã { $round }.
round-refused-no-round = Không có đợt báo cáo { $round }.
round-refused-closed-already = Đợt { $round } đã đóng từ trước.
round-refused-open-already = Đợt { $round } đang mở.
target-unknown-group = Không có nhóm đơn vị { $group }.
target-unknown-agencies = Mã đơn vị không có: { $ids }.
target-no-agencies = Chưa nêu mã đơn vị nào.
forms-heading = <b>Biểu mẫu</b> (mã, các phiên bản, tên):
forms-how = Nhập biểu mẫu mới hoặc phiên bản mới: gửi tệp XLSForm (.xlsx: các trang survey, choices, settings) cho trợ lý trên Telegram, hoặc dùng npm run cli -- form import. Lấy tệp của một biểu mẫu để sửa: /forms &lt;mã&gt;, ví dụ /forms 488. Tạo đợt dùng biểu mẫu bằng phần thứ năm của /round create.
forms-unknown = Không có biểu mẫu <b>{ $id }</b>. Xem /forms.
forms-workbook = Biểu mẫu <b>{ $id }</b> phiên bản { $version } dạng XLSForm: sửa trong Excel, tăng version trong trang settings rồi gửi lại cho trợ lý để nhập phiên bản mới.
forms-not-xlsx = Chỉ nhận biểu mẫu dạng tệp Excel .xlsx theo chuẩn XLSForm (các trang survey, choices, settings).
forms-unreadable = Không tải được tệp (tệp quá lớn hoặc lỗi mạng). Vui lòng gửi lại.
forms-problems = ❌ Tệp có { $count } lỗi, chưa nhập gì. Chi tiết theo trang, dòng và cột của tệp:
forms-more = … và { $count } lỗi khác.
forms-same = Biểu mẫu <b>{ $id }</b> phiên bản { $version } đã được nhập trước đây, giống hệt; không có gì thay đổi.
forms-older = Biểu mẫu <b>{ $id }</b> phiên bản { $version } không mới hơn phiên bản { $latest } đã nhập. Hãy tăng version trong trang settings.
forms-imported = ✅ Đã nhập biểu mẫu <b>{ $id }</b> phiên bản { $version }: { $title } ({ $questions } câu hỏi, { $groups } nhóm, { $repeats } danh sách). Tạo đợt: /round create Tên; hạn; đối tượng; ; { $id }
