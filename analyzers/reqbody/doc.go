// Package reqbody defines an Analyzer that reports retries that re-send
// a request whose body the first attempt consumed and nothing can
// rewind.
//
// # Analyzer reqbody
//
// reqbody: report retries that re-send an *http.Request whose consumed body cannot be rewound
//
// Sending a request reads its body to the end and closes it, and only
// GetBody can give it back. http.NewRequest sets GetBody for a body
// over a *bytes.Buffer, *bytes.Reader or *strings.Reader, and for no
// other reader. Send again the same *http.Request over any other body
// and the retry goes out empty, or fails ("ContentLength=N with Body
// length 0", a closed pipe, a closed file) in a way that looks like a
// network error and is retried again (A9 in the [retry model];
// aws-sdk-go and kubernetes have shipped fixes for it). In a retry loop
// (see package retryloop) or an operation handed to a retry library,
// the check reports (*http.Client).Do re-sending a request built before
// the loop whose body cannot be rewound: one made by
// http.NewRequest[WithContext] over another reader (an io.Reader
// parameter, a pipe, a file, io.MultiReader, io.NopCloser, a reader
// returned by a function it cannot see into), one whose req.Body was
// replaced without setting req.GetBody, or a Request literal with a
// Body and no GetBody; unless something rewinds it before each attempt:
// req.GetBody(), req.Body = fresh reader, a Seek on the reader, a new
// request per attempt, or a check that the body is nil.
//
// Bad:
//
//	// body is an io.Reader
//	req, _ := http.NewRequestWithContext(ctx, "PUT", url, body)
//	for attempt := 0; attempt < 3; attempt++ {
//		resp, err := client.Do(req)
//		...
//	}
//
// Good:
//
//	payload, err := io.ReadAll(body)
//	...
//	for attempt := 0; attempt < 3; attempt++ {
//		req, _ := http.NewRequestWithContext(ctx, "PUT", url, bytes.NewReader(payload))
//		resp, err := client.Do(req)
//		...
//	}
//
// Left alone: requests built inside the loop; nil bodies and
// http.NoBody; a body over one of the three reader types made by
// NewRequest, which net/http sends again through GetBody when its
// transport retries the request on a reused keep-alive connection
// (on a new connection, or over HTTP/2, the second send still fails or
// goes out empty, so building the request per attempt stays the robust
// form); requests handed in as parameters, whose caller decides whether
// they carry a GetBody; loops that rewind the body or check it against
// nil; requests sent through a retryablehttp.Client, which rewinds them
// itself; requests held in fields or built by helpers the analysis
// cannot see into.
//
// The check has no flags; it applies in test files too.
//
// To silence a finding, say why on its line or the line above it:
//
//	//retryvet:ignore reqbody the transport buffers and replays the body
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a9-reqbody
package reqbody
