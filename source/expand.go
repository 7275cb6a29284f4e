package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Extensions are the file name extensions a directory is searched for.
var Extensions = []string{".json", ".yaml", ".yml", ".template"}

// Expand turns command-line arguments into the files to read: "-"
// (standard input) and every file stay as they are, and a directory
// becomes every file under it, at any depth, whose name ends in one of
// Extensions, in lexical order of their paths (directories whose names
// start with "." are skipped, such as .git and .terraform). A name that
// does not exist stays too, so that reading it reports the problem with
// the others. The error is that of a directory that cannot be walked.
func Expand(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if a == "-" || err != nil || !fi.IsDir() {
			out = append(out, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p != a && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			for _, ext := range Extensions {
				if strings.HasSuffix(strings.ToLower(d.Name()), ext) {
					found = append(found, p)
					break
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, nil
}
