package suppress

import (
	"go/ast"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		text   string
		want   *Directive
		reason string
	}{
		{text: "//retryvet:ignore fixedsleep the modem needs 1s", want: &Directive{Checks: []string{"fixedsleep"}, Reason: "the modem needs 1s"}},
		{text: "//retryvet:ignore ctxerr,fixedsleep   two  spaces", want: &Directive{Checks: []string{"ctxerr", "fixedsleep"}, Reason: "two spaces"}},
		{text: "//retryvet:ignore fixedsleep", want: &Directive{Checks: []string{"fixedsleep"}}},
		{text: "//retryvet:ignore", want: &Directive{}},
		{text: "//retryvet:ignored fixedsleep not a directive"},
		{text: "// retryvet:ignore fixedsleep a space makes it prose"},
		{text: "/* retryvet:ignore fixedsleep */"},
	} {
		got := parse(&ast.Comment{Text: tc.text})
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parse(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
	}
}
