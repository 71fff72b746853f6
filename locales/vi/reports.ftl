progress-title = Tiến độ: { $name }
progress-group = Chỉ tính nhóm: { $name } ({ $source }).
progress-deadline = Hạn gửi: { $deadline }
progress-submitted = Đã gửi báo cáo: { $ministries }/{ $ministriesTotal } bộ, ngành; { $provinces }/{ $provincesTotal } tỉnh, thành phố.
progress-compliant = Đáp ứng 100% yêu cầu Văn bản 1552 (như Văn bản đôn đốc lần 3 đếm): { $ministries }/{ $ministriesTotal } bộ, ngành; { $provinces }/{ $provincesTotal } tỉnh, thành phố.
progress-components = Theo từng mục (đã đáp ứng / một phần / chưa / chưa trả lời):
progress-component-line = • Mục { $id } ({ $name }): { $met } / { $partial } / { $notMet } / { $unanswered }{ $notApplicable ->
        [0] {""}
       *[other] {" "}(không áp dụng: { $notApplicable })
    }
progress-late = Quá hạn, chưa gửi ({ $count }):
progress-pending = Chưa gửi ({ $count }):
progress-and-more = và { $count } đơn vị khác
progress-desk-only = Tiến độ dành cho Bộ phận thường trực và các đầu mối tư vấn.
progress-requirements-488 = Mục 1–5 là các mục của Phụ lục Văn bản 488 (mục 4 gồm 4.1–4.3), không phải số thứ tự các yêu cầu của Văn bản 1552. Trong sáu yêu cầu mà Văn bản đôn đốc lần 3 đếm, mục 1, 2, 3 ứng với yêu cầu (1), (2), (3); mục 4 với yêu cầu (5); mục 5 với yêu cầu (6). Yêu cầu (4) (sử dụng tài khoản định danh điện tử, thẻ CCCD gắn chíp) không có mục nào trong Phụ lục nên không được tính.
progress-picture-note = Cột 1–5: mục 1–5 của Phụ lục Văn bản 488 (yêu cầu (1), (2), (3), (5), (6) của Văn bản 1552 theo Văn bản đôn đốc lần 3; yêu cầu (4) không có mục)
progress-picture-title = Tiến độ { $name }: mục 1–5 của Phụ lục Văn bản 488
progress-picture-caption = Mỗi hàng một đơn vị, mỗi cột một mục (1–5) của Phụ lục Văn bản 488.
progress-legend-met = Đã đáp ứng
progress-legend-partial = Một phần
progress-legend-not-met = Chưa đáp ứng
progress-legend-unanswered = Chưa trả lời
progress-legend-not-applicable = Không áp dụng
progress-legend-submitted = Gửi
progress-provinces = Tỉnh, thành phố
progress-ministries = Bộ, ngành
export-caption = Báo cáo tổng hợp: { $name }
export-csv-caption = Bảng tóm tắt một trang (CSV), mở được bằng mọi phần mềm bảng tính
review-usage = Cách dùng: /review &lt;mã đơn vị&gt; [mã đợt], ví dụ /review ha-noi
review-not-submitted = { $agency } chưa gửi báo cáo trong đợt này.
review-prompt = Báo cáo của <b>{ $agency }</b> (đợt { $name }): chấp nhận, hay trả lại để sửa?
review-button-accept = ✅ Chấp nhận
review-button-return = ↩️ Trả lại để sửa
review-comment-prompt = Nhập nội dung đề nghị sửa (sẽ gửi cho cán bộ đầu mối):
review-accepted-officer = ✅ Bộ phận thường trực ({ $secretariatName }) đã chấp nhận báo cáo đợt <b>{ $name }</b> của đơn vị. Cảm ơn anh/chị!
review-returned-officer = ↩️ Bộ phận thường trực ({ $secretariatName }) trả lại báo cáo đợt <b>{ $name }</b> để sửa: { $comment }
review-accepted-done = ✅ Đã chấp nhận báo cáo của { $agency }; đã báo { $officers } cán bộ.
review-returned-done = ↩️ Đã trả lại báo cáo của { $agency }; đã báo { $officers } cán bộ.
