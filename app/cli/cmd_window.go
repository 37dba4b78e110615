package cli

import (
	"context"
	"flag"
	"fmt"

	"ketnghia/data"
)

// The window: no subcommand, or only --db.
func init() {
	register(&command{name: "", flags: func(fs *flag.FlagSet) any {
		var d dbFlags
		d.declare(fs, false)
		return &d
	}, run: runWindow})
}

// ReadOnlyWarning is the banner of a database opened to be read only.
func ReadOnlyWarning(path string) string {
	return fmt.Sprintf("CHỈ XEM: tệp %s hoặc thư mục chứa nó không ghi được (đĩa CD, USB khoá ghi, thư mục dùng chung chỉ đọc), "+
		"nên mọi chức năng sửa, thêm, xoá đều tắt. Muốn sửa, hãy chép tệp sang một thư mục ghi được rồi mở bản chép.", path)
}

// runWindow opens the window on --db, or on the default database (made with the sample on first start).
func runWindow(ctx context.Context, env Env, a any) int {
	path := a.(*dbFlags).db
	if path == "" {
		path = DefaultDBPath()
	}
	opt, warning := planFor(path, env.Options)
	s, err := OpenOrCreateWithSample(ctx, path, opt)
	if err != nil {
		if env.Alert != nil {
			env.Alert(data.Message(err))
		}
		return fail(env, err)
	}
	defer s.Close()
	if env.GUI == nil {
		fmt.Fprintln(env.Stderr, "Bản chương trình này không có cửa sổ; hãy dùng các lệnh trong ketnghia --help.")
		return ExitFailed
	}
	var warnings []string
	if s.ReadOnly() {
		warnings = append(warnings, ReadOnlyWarning(path))
	} else if warning != "" {
		warnings = append(warnings, warning)
	}
	if err := env.GUI(s, warnings); err != nil {
		return fail(env, err)
	}
	return ExitOK
}
