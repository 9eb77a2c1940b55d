package idempotency

import (
	"fmt"
	"go/types"
	"net/http"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/retryvet/retryvet/analyzers/retryloop"
	"github.com/retryvet/retryvet/internal/match"
)

// A ClientPost is the fact that a function sends a POST or PATCH through
// the resty client it is handed as parameter Param, with no key header
// on the request and to a path not seen to be a read: the request is
// retried, and can take effect twice, when the caller's client retries
// (docs/model.md, Retrying clients handed to another package).
type ClientPost struct {
	Param  int
	Method string
	// Headers are the headers the request sets; the caller's client
	// may set the key instead.
	Headers []string
	// V3 reports resty v3, which retries a POST or PATCH only when
	// allowed; Allow, that the request allows it.
	V3, Allow bool
}

// AFact marks ClientPost as an analysis fact.
func (*ClientPost) AFact() {}

func (p *ClientPost) String() string {
	return fmt.Sprintf("clientpost(%d %s)", p.Param, p.Method)
}

// clientPosts judges the package's sends through a resty client
// parameter, exports a ClientPost fact for each function that holds an
// unsafe one, and reports the calls of the package that hand a retrying
// client to such a function, of this package or another.
func (r *run) clientPosts(res *retryloop.Result) {
	local := make(map[*types.Func]*ClientPost)
	for _, ps := range res.ParamSends {
		if local[ps.Func] != nil || r.marked[ps.Func] {
			continue
		}
		s := ps.Send
		if s.Method != http.MethodPost && s.Method != http.MethodPatch || s.HeadersUnknown || r.mayBeRead(s.URL, nil) || r.hasKey(s.Headers) {
			continue
		}
		p := &ClientPost{Param: ps.Param, Method: s.Method, Headers: s.Headers, V3: ps.V3, Allow: ps.Allow}
		local[ps.Func] = p
		if r.cfg.Facts {
			r.pass.ExportObjectFact(ps.Func, p)
		}
	}
	for _, f := range r.graph.Funcs {
		if r.marked[f.Obj] {
			continue
		}
		for _, s := range f.Calls {
			if s.Callee == nil || r.reported[s.Call] {
				continue
			}
			p := local[s.Callee]
			if p == nil && s.Callee.Pkg() != r.pass.Pkg && r.cfg.Facts {
				if fact := new(ClientPost); r.pass.ImportObjectFact(s.Callee, fact) {
					p = fact
				}
			}
			if p == nil {
				continue
			}
			c := res.RestyClient(s.Call, p.Param)
			if c == nil || c.InTest || c.HeadersUnknown || r.hasKey(c.Headers) || p.V3 && !p.Allow && !c.Allow {
				continue
			}
			r.reported[s.Call] = true
			arg := s.Call.Args[p.Param]
			r.rep.Report(analysis.Diagnostic{
				Pos: s.Call.Pos(), End: s.Call.End(), Category: "idempotency/http",
				Message: fmt.Sprintf("%s sends a %s that this resty client retries, with no %s header, so it can take effect twice; set one on the request or the client",
					match.FuncName(s.Callee), p.Method, r.header()),
				Related: []analysis.RelatedInformation{{Pos: arg.Pos(), End: arg.End(), Message: fmt.Sprintf("the client retries a failed request %d times", c.Count)}},
			})
		}
	}
}

// hasKey reports whether headers name one of the key headers.
func (r *run) hasKey(headers []string) bool {
	return slices.ContainsFunc(headers, func(h string) bool {
		return slices.ContainsFunc(r.cfg.Headers, func(k string) bool { return strings.EqualFold(h, k) })
	})
}
