// Package reqbody defines an Analyzer that reports requests whose body
// a retry re-sends after the first attempt consumed it.
//
// # Analyzer reqbody
//
// reqbody: report retries that re-send an *http.Request whose body the first attempt consumed
//
// Sending a request reads its body to the end and closes it. Send the
// same *http.Request again and the body is empty: the retry goes out
// with no payload, or fails with a ContentLength mismatch that looks
// like a network error and is retried again (A9 in the [retry model];
// aws-sdk-go and kubernetes have shipped fixes for it). In a retry loop
// (see package retryloop) or an operation handed to a retry library,
// the check reports (*http.Client).Do sending a request that was built
// before the loop, or handed in as a parameter, with a body that may be
// non-nil, when nothing rewinds it before each attempt: no
// req.GetBody(), no req.Body = fresh reader, no Seek on the reader, no
// new request per attempt, and no check that the body is nil.
//
// Bad:
//
//	req, _ := http.NewRequestWithContext(ctx, "PUT", url, bytes.NewReader(payload))
//	for attempt := 0; attempt < 3; attempt++ {
//		resp, err := client.Do(req)
//		...
//	}
//
// Good:
//
//	for attempt := 0; attempt < 3; attempt++ {
//		req, _ := http.NewRequestWithContext(ctx, "PUT", url, bytes.NewReader(payload))
//		resp, err := client.Do(req)
//		...
//	}
//
// Left alone: requests built inside the loop; nil bodies and
// http.NoBody; loops that rewind the body or check it against nil;
// requests sent through a retryablehttp.Client, which rewinds them
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
