member-removed = Your access to the Đề án 06 reporting assistant was withdrawn by the secretariat. The answers you gave are kept.
members-title = Members ({ $count }):
members-removed-done = Access of { $id } withdrawn; they were told.
members-unknown = There is no member { $id }. Type /members to see member ids.
members-usage = Usage: /members [agency id], /remove &lt;member id&gt;
