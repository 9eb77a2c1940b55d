// Package loopctx defines an Analyzer that reports contexts made wrongly
// inside retries.
//
// # Analyzer loopctx
//
// loopctx: report contexts re-created from Background, nested, or cancelled late inside retries
//
// One context should bound a whole retry. Inside a retry loop (see
// package retryloop) or an operation handed to a retry library, three
// mistakes break that (A3 in the [retry model]):
//
//   - a context.WithTimeout, WithDeadline or WithCancel (or a ...Cause
//     form) whose parent is context.Background() or context.TODO() while
//     a context is in scope: the attempt no longer stops when the caller
//     gives up;
//   - a new context assigned back to its own parent variable (ctx,
//     cancel = context.WithTimeout(ctx, d)): every attempt nests one more
//     context, and the timeouts shrink;
//   - defer cancel() in the body of a retry loop: it runs only when the
//     function returns, so every attempt's context, timer and goroutine
//     stay alive until then.
//
// Bad:
//
//	for attempt := 0; attempt < 5; attempt++ {
//		actx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
//		defer cancel()
//		if err = ping(actx); err == nil {
//			return nil
//		}
//	}
//
// Good:
//
//	for attempt := 0; attempt < 5; attempt++ {
//		actx, cancel := context.WithTimeout(ctx, 2*time.Second)
//		err = ping(actx)
//		cancel()
//		if err == nil {
//			return nil
//		}
//	}
//
// For defer cancel() the check offers a fix, calling cancel() before
// every exit of the iteration instead, when that is safe: when the
// defer is a statement of the loop body and nothing made with the
// context (a response, rows) leaves the iteration or is returned.
//
// Left alone: a per-attempt timeout derived from the caller's context
// and cancelled in the same iteration; a Background-rooted context when
// no context is in scope; defer cancel() inside a function literal
// called in place in the loop, or inside an operation handed to a retry
// library (it runs once per attempt); a context made in a function
// literal that is returned or deferred (a cleanup that runs once the
// attempt failed needs a context of its own); in test code, defer
// cancel() of a
// context made by WithTimeout or WithDeadline, whose own timer releases
// it (a test waiting for the server it started); generated files.
//
// Flags:
//
//	-loopctx.strict  also report any context created inside a retry loop
//
// To silence a finding, say why on its line or the line above it:
//
//	//retryvet:ignore loopctx the audit write must finish even if the caller gives up
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a3-loopctx
package loopctx
