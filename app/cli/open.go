package cli

import (
	"context"
	"fmt"

	"ketnghia/app/startup"
	"ketnghia/data"
)

// openOrCreate opens path for writing, making its folder and the file when missing; a warning about
// the drive goes to stderr.
func openOrCreate(ctx context.Context, env Env, path string) (*data.Store, error) {
	if err := startup.MakeFolder(path); err != nil {
		return nil, err
	}
	o, warning := startup.PlanFor(path, env.Options)
	if warning != "" {
		fmt.Fprintln(env.Stderr, "Lưu ý: "+warning)
	}
	return data.Open(ctx, path, o)
}

// openToWrite opens an existing database for a command that changes it (import, restore).
func openToWrite(ctx context.Context, env Env, path string) (*data.Store, error) {
	o := env.Options
	o.MustExist = true
	return data.Open(ctx, path, o)
}

// openExisting opens path for commands that only read: they share the file with an open window,
// and a file that cannot be written (a CD, a read-only folder) is read as it is.
func openExisting(ctx context.Context, env Env, path string) (*data.Store, error) {
	o, _ := startup.PlanFor(path, env.Options)
	o.MustExist = true
	o.Shared = true
	o.ReadOnlyOK = true
	return data.Open(ctx, path, o)
}

// sampleNote is the line that opens a reading command's output when the figures are invented.
const sampleNote = "LƯU Ý: cơ sở dữ liệu có số liệu mẫu (giả định), không dùng cho báo cáo thật."

// openFor opens the database to change it, or, for a dry run that writes nothing, as the read-only
// commands do (a read-only file still answers).
func openFor(ctx context.Context, env Env, path string, dryRun bool) (*data.Store, error) {
	if dryRun {
		return openExisting(ctx, env, path)
	}
	return openToWrite(ctx, env, path)
}
