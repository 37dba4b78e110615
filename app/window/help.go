package window

// The short Vietnamese guides F1 (and the "Hướng dẫn" button) show for the screen in view. They are
// part of the program: no file to lose, no network to reach.

const helpCommon = `Phím tắt: F1 hướng dẫn; Alt+Z bật, tắt bộ gõ tiếng Việt của chương trình. ` +
	`Mọi tỷ lệ đều do chương trình tính từ số liệu rà soát, không nhập tay. ` +
	`Dữ liệu mẫu (dải màu cam ở đầu cửa sổ) là số liệu giả định, không dùng cho báo cáo thật.`

const helpDashboard = `Tổng quan cho biết tỉnh đang ở đâu so với các chỉ tiêu của Nghị quyết 04-NQ/TU và Chỉ thị về thôn, làng nông thôn mới trong năm đã chọn.

• Mỗi chỉ tiêu là một thanh: phần tô là giá trị năm đó, vạch đậm là mức chỉ tiêu, vạch nhạt là năm gốc 2016. Dấu tích xanh là đạt, dấu ba chấm là chưa đạt nhưng còn trong hạn, dấu nhân đỏ là quá hạn mà chưa đạt, dấu hỏi là chưa đủ số liệu.
• Bấm vào một chỉ tiêu để xem từng huyện, huyện còn xa chỉ tiêu nhất ở trên cùng.
• Biểu đồ tỷ lệ hộ nghèo: toàn tỉnh, các xã ĐBKK (danh sách năm 2017) và lộ trình giảm 6 điểm %/năm; chọn một huyện để so sánh.
• Bản đồ: chọn số liệu để tô màu; di chuột hoặc bấm vào một huyện để xem số liệu.`

const helpUnits = `Tìm xã, phường, thị trấn, thôn, làng theo tên, gõ có dấu hay không dấu đều được (gõ "dak to" sẽ thấy "Đắk Tô").

• Chọn cấp đơn vị và đánh dấu "Chỉ đơn vị đang hoạt động" để lọc.
• "In danh sách" tạo tệp PDF đúng danh sách đang hiện (cùng bộ lọc, cùng thứ tự) và mở bằng trình xem PDF.`

const helpReports = `Tạo báo cáo PDF theo thể thức văn bản của Đảng (khổ A4) để in cho cuộc họp.

• Chọn loại báo cáo, năm, ngày ghi trên báo cáo; hồ sơ một xã cần mã xã (5 chữ số).
• Bấm "Tạo báo cáo": thanh tiến trình chạy, xong thì báo cáo mở bằng trình xem PDF của máy.
• Tệp được lưu trong thư mục ghi ở cuối màn hình (mặc định: Tài liệu\KetNghia báo cáo).
• Tiêu đề, người ký, nơi nhận lấy từ màn hình Cài đặt.`

const helpDrafts = `Soạn báo cáo tổng hợp (báo cáo năm, sơ kết, tổng kết) theo bố cục Hướng dẫn 36: tình hình, kết quả; hạn chế, nguyên nhân; phương hướng, nhiệm vụ; kiến nghị; kèm các phụ lục.

• "Tạo bản thảo…": chọn loại và các năm; chương trình viết sẵn các câu về từng chỉ tiêu bằng số liệu đã nhập (đoạn ghi "số liệu" bên trái). Đọc, sửa, viết thêm các mục II–IV, rồi bấm Lưu.
• Dàn ý bên trái cho biết mỗi mục có bao nhiêu đoạn, bao nhiêu chữ; bấm vào một mục để đến mục đó.
• "Cập nhật số liệu": khi số liệu thay đổi, chương trình cho xem từng đoạn sẽ đổi trước khi ghi; đoạn đã sửa tay chỉ bị thay khi đánh dấu ô "Thay cả … đoạn đã sửa tay".
• "Bản cho kỳ sau": lấy bản thảo đang mở làm nền cho năm (kỳ) sau, giữ các đoạn tự viết.
• "In PDF" (có phụ lục, đánh số trang liền) hoặc "Xuất Word" (.docx) để sửa tiếp bằng Word; tệp lưu cùng thư mục với các báo cáo khác.`

const helpExchange = `Trao đổi dữ liệu với đơn vị khác bằng ổ USB, không mất công việc của bên nào.

• Xuất gói: chọn toàn bộ hoặc một số huyện, xã; chọn thư mục (ổ USB); bấm "Xuất gói". Gói được ghi xong mới mang tên thật, rồi được đọc lại để kiểm tra.
• Nhập gói: chọn tệp .knx; chương trình kiểm tra gói (gói hỏng, chép dở, của phiên bản mới hơn đều bị từ chối) và cho biết sẽ thêm, cập nhật, xóa bao nhiêu bản ghi.
• Xung đột: bản ghi cả hai nơi cùng sửa từ lần trao đổi trước. Chọn giữ bản của mình, lấy bản của đơn vị gửi, hoặc chọn từng mục; xung đột chưa chọn được giữ nguyên và sẽ hiện lại ở lần nhập sau.
• Bấm "Nhập vào cơ sở dữ liệu": chương trình sao lưu trước, rồi ghi tất cả trong một lần.
• "Hoàn tác lần nhập gần nhất" đưa dữ liệu về như trước lần nhập đó.
• Chữ ký số: mỗi gói được ký bằng khóa của văn phòng gửi. Gói đầu tiên của một văn phòng, hoặc gói ký bằng khóa mới, chỉ được nhập sau khi bạn gọi điện đọc đối chiếu mã nhận dạng khóa (6 chữ và 16 chữ số) với văn phòng đó rồi bấm xác nhận. Văn phòng gửi xem mã của mình trong Cài đặt. Gói không có chữ ký, hoặc bị sửa sau khi ký, bị từ chối.
• Gói muốn sửa số liệu đã duyệt: phần đó không được nhập, và được liệt kê kèm lý do.`

const helpExcel = `Đưa dữ liệu ra Excel và nhập bảng tính vào chương trình.

• Xuất toàn bộ: mỗi loại dữ liệu một trang, có tiêu đề tiếng Việt, định dạng số, dòng tiêu đề cố định. Ở các danh sách (xã, thôn, đơn vị), nút "Xuất Excel" xuất đúng danh sách đang xem.
• Tạo mẫu để điền: chọn mẫu (xã, thôn, cơ quan kết nghĩa và phân công, hoạt động, rà soát) và năm. Mẫu rà soát liệt kê sẵn các xã, thôn của năm; chỉ cần điền số liệu. Mỗi cột có ghi chú cách ghi; Excel kiểm tra số nguyên, có/không, danh sách.
• Nhập: chọn tệp, bấm "Kiểm tra". Chương trình đọc từng dòng và liệt kê mọi lỗi theo trang, dòng, cột; chưa ghi gì. Chữ gõ bằng phông cũ (.VnTime, VNI-Times) được chuyển sang Unicode và được liệt kê.
• Không có lỗi: bấm "Ghi vào cơ sở dữ liệu" để ghi tất cả trong một lần. Có lỗi: sửa trong Excel rồi kiểm tra lại, hoặc bấm "Chỉ ghi các dòng đúng".
• Đơn vị được nhận theo mã, hoặc theo tên (không phân biệt dấu, hoa thường); tên trùng nhiều đơn vị thì phải ghi rõ, chương trình không đoán.
• Bảng tính không theo mẫu (tệp tổng hợp cũ): chương trình đoán mỗi cột là số liệu gì và cho xem; sửa cột đoán sai, ghi năm nếu cần, bấm "Xác nhận cách đọc các cột". Cách đọc được nhớ cho các tệp cùng kiểu.`

const helpSubmissions = `Tình hình nộp số liệu của từng xã, phường trong năm: đang nhập, đã gửi, đã duyệt, trả lại, mở lại.

• Chọn năm và tình trạng để lọc; gõ tên xã (có dấu hay không dấu) hoặc mã để tìm.
• Bấm vào dòng của xã để đánh dấu (bấm lại để bỏ), hoặc "Chọn các xã đang hiện".
• Văn phòng xã: nhập xong số liệu năm thì bấm "Gửi số liệu", rồi xuất gói gửi lên tỉnh.
• Văn phòng tỉnh (bật “Văn phòng này duyệt số liệu các xã gửi lên” trong Cài đặt): kiểm tra rồi bấm "Duyệt", hoặc "Trả lại…" kèm lý do; xuất gói gửi về xã.
• Số liệu đã duyệt (số liệu rà soát, kết quả tiêu chí, năm đạt chuẩn của xã và các thôn của xã) không sửa được ở bất cứ đâu, bằng bảng, biểu mẫu, Excel hay gói. Cần sửa thì văn phòng đã duyệt bấm "Mở lại…" và ghi lý do; lý do được ghi vào lịch sử.`

const helpSettings = `Cài đặt của chương trình.

• Giao diện (màu sáng, tối hoặc theo Windows; cỡ chữ) chỉ áp dụng cho máy này.
• Tên đơn vị, cơ quan cấp trên, cơ quan ban hành, người ký, nơi nhận được in trên báo cáo; bấm "Lưu cài đặt".
• Người nhập liệu được ghi vào lịch sử thay đổi của mọi bản ghi.
• Mã nhận dạng khóa ký: đọc mã này cho văn phòng nhận gói qua điện thoại khi họ hỏi. Khóa nằm trong tệp .khoa cạnh tệp dữ liệu; không chép tệp này sang máy khác.
• "Văn phòng này duyệt số liệu các xã gửi lên": chỉ bật ở văn phòng Ban Chỉ đạo tỉnh.
• "Sao lưu ngay" chép toàn bộ cơ sở dữ liệu sang thư mục "Sao lưu" cạnh tệp dữ liệu, tên tệp có ngày giờ; chương trình vẫn chạy bình thường trong lúc sao lưu.`

const helpCommunes = `Danh sách xã, phường, thị trấn và hồ sơ của từng xã.

• Gõ vào ô tìm (Ctrl+F) để lọc theo tên, có dấu hay không dấu; chọn huyện, khu vực, trạng thái và năm để lọc thêm.
• Bấm vào một xã để xem và sửa thông tin, rồi bấm Lưu (Ctrl+S). Các thẻ bên cạnh cho xem số liệu các năm với các tỷ lệ do chương trình tính, thôn làng, kết nghĩa, kết quả phân định với điều kiện còn thiếu, và lịch sử thay đổi (ai, khi nào, giá trị cũ → mới).
• Thêm xã (Ctrl+N): nhập tên, mã 5 chữ số, loại, huyện rồi Lưu.
• Sáp nhập vào xã khác: chọn xã kế thừa và ngày; xã cũ kết thúc hoạt động, các thôn chuyển sang xã kế thừa, lịch sử được giữ.
• Xóa hỏi lại trước khi xóa; xã đã xóa xem được ở trạng thái "Đã xóa" và bấm Khôi phục để đưa trở lại.`

const helpReview = `Nhập số liệu rà soát của một năm cho các xã (hoặc các thôn, làng) của một huyện, như trên bảng tính.

• Chọn năm, huyện, và Xã hoặc Thôn, làng; mỗi đơn vị một dòng, mỗi số liệu một cột.
• Tab sang ô bên phải, Shift+Tab sang trái, Enter hoặc mũi tên xuống sang dòng dưới.
• Chép một khối ô từ Excel rồi dán (Ctrl+V) vào ô đầu tiên: các ô được điền theo đúng hàng, cột.
• Tỷ lệ hộ nghèo, cận nghèo được tính ngay khi gõ. Ô có lỗi được đánh dấu đỏ, lời giải thích hiện ở dưới bảng.
• Bấm "Lưu tất cả" (Ctrl+S): mọi dòng đã sửa được lưu cùng lúc; nếu còn dòng lỗi thì chưa lưu dòng nào.
• Chi bộ, đường quanh năm ghi "có" hoặc "không". Rời màn hình khi còn dòng chưa lưu, chương trình sẽ hỏi lại.`

const helpAgencies = `Các cơ quan, đơn vị kết nghĩa, việc phân công giúp xã, thôn và các hoạt động giúp đỡ.

• Tìm cơ quan theo tên ở ô tìm (Ctrl+F); bấm vào một cơ quan để xem và sửa, rồi Lưu (Ctrl+S). Thêm cơ quan: Ctrl+N.
• "Phân công giúp xã, thôn": chọn xã hoặc thôn và ngày bắt đầu. Khi đổi cơ quan giúp, phân công cũ kết thúc hôm trước ngày phân công mới, lịch sử được giữ.
• "Ghi hoạt động": ngày, nơi được giúp, hình thức, nội dung, giá trị tiền mặt và hiện vật; tổng theo năm hiện ngay dưới nút.
• Xóa hỏi lại trước; đánh dấu "Đã xóa" để xem và khôi phục cơ quan đã xóa.`

const helpVillages = `Danh sách thôn, làng và hồ sơ của từng thôn, cùng cách dùng như màn hình xã.

• Tìm theo tên (có dấu hay không dấu), lọc theo huyện, thôn đặc biệt khó khăn, trạng thái và năm.
• Thông tin của thôn: thôn đồng bào DTTS, năm đạt chuẩn nông thôn mới, chọn điểm. Chi bộ, điện lưới, đường đi lại quanh năm được nhập theo từng năm ở màn hình Rà soát hằng năm và hiện ở thẻ "Số liệu các năm".
• Thẻ "Phân định" cho biết thôn có thuộc diện đặc biệt khó khăn theo bộ quy định của năm không, và còn thiếu gì.`

const helpCriteria = `Bộ tiêu chí, chỉ tiêu và các ngưỡng phân định.

• Bộ tiêu chí và kết quả: chọn bộ tiêu chí, năm và một xã hoặc thôn; ghi 1 cho tiêu chí đạt, 0 cho chưa đạt (hoặc số điểm với Bộ tiêu chí y tế xã), rồi Lưu kết quả.
• Chỉ tiêu: sửa mức chỉ tiêu và hạn của từng chỉ tiêu của Nghị quyết 04-NQ/TU và Chỉ thị.
• Bộ quy định phân định: bộ quy định áp dụng cho năm đã chọn và các ngưỡng của nó; ngưỡng ghi "chưa đối chiếu" là ngưỡng tạm, sửa được khi có văn bản. Mọi thay đổi được ghi vào lịch sử.`
