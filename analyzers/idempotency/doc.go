// Package idempotency defines an Analyzer that reports side effects that
// a retry can apply twice.
//
// # Analyzer idempotency
//
// idempotency: report retried POSTs without an idempotency key and retried INSERTs or relative UPDATEs
//
// A retry repeats an attempt whose outcome the client did not see: the
// server may have charged the card, written the row or added to the
// balance before the connection dropped. Unless the operation is
// idempotent, the second attempt does it again (A5 in the [retry model]).
// Inside a retry loop (see package retryloop) or an operation handed to
// a retry library, the check reports:
//
//   - an HTTP POST or PATCH with no Idempotency-Key (or
//     X-Idempotency-Key) header: http.Post, http.PostForm, their
//     *http.Client methods, and a request made by http.NewRequest or
//     NewRequestWithContext with a constant method, before or inside the
//     loop (or by a same-package function handed that constant method,
//     c.newRequest(ctx, http.MethodPost, path)), sent with Do; retryablehttp requests wherever they are sent,
//     since that client retries them itself, and the POST and PATCH
//     requests a resty client configured to retry sends with no key
//     header set on the request or the client, also when the client is
//     handed to a function (of any package) that sends them: reported
//     where it is handed over. A POST to a read-like path (its last
//     segment search, query, graphql, token, oauth, login, auth,
//     refresh, health, status, lookup, verify, dns-query, sign,
//     encrypt, decrypt, revoke, ...) is a read, not a write, and so
//     may be one to a URL with no constant path (a configured webhook);
//   - a constant SQL query sent through database/sql, sqlx, pgx or any
//     type with the same methods (sqlc's DBTX) that is an INSERT without
//     ON CONFLICT, ON DUPLICATE KEY UPDATE, INSERT IGNORE, INSERT OR
//     IGNORE/REPLACE or WHERE NOT EXISTS, or an UPDATE that adds to a
//     column (SET n = n + ?) whose WHERE compares no column it sets;
//   - a call of a function that does one of these outside a retry of
//     its own: an SQL write directly or through the functions it calls
//     (up to four deep, across packages); a POST or PATCH only in a
//     function of the same package one call down (one handed a constant
//     method included), unless -idempotency.chains is set, since POST
//     is often a read in disguise that a chain hides. The message stays
//     under 200 characters; the chain is related information.
//
// Bad:
//
//	for attempt := 0; attempt < 3; attempt++ {
//		req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
//		resp, err := client.Do(req)
//		...
//	}
//
// Good:
//
//	key := uuid.NewString() // one key for every attempt
//	for attempt := 0; attempt < 3; attempt++ {
//		req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
//		req.Header.Set("Idempotency-Key", key)
//		resp, err := client.Do(req)
//		...
//	}
//
// Left alone: GET, PUT and DELETE; requests whose headers the analysis
// cannot see into (req.Header = h, a header copied in a loop or by a
// helper), which may carry the key; non-constant methods and queries;
// SELECT, DELETE, upserts, MERGE and REPLACE; UPDATEs whose WHERE
// compares a column they set (optimistic locking, a conditional state
// transition such as SET status = 'paid' WHERE status = 'pending'); a
// query on a transaction begun inside the attempt, which a failed
// attempt rolls back; loops that retry only refusals (errors the loop
// recognises that are not timeouts, network or context errors: "not
// leader", a redirect, a refused connection), after which the server
// applied nothing; library retries whose classifier (retry-go's RetryIf,
// or a retry helper's classifier parameter) answers true only for such
// refusals or for the statuses 409, 423, 425, 429 and 503; calls through
// interfaces; generated files (whose
// facts still count).
//
// A function whose side effect is safe to repeat (a read-only POST, a
// server that deduplicates) is declared so in its doc comment:
//
//	//retryvet:idempotent
//	func (c *Client) Search(ctx context.Context, q Query) ([]Hit, error)
//
// It then exports no fact, its callers are not reported, and its own
// retries are not checked.
//
// Flags:
//
//	-idempotency.headers  comma-separated key headers (default Idempotency-Key,X-Idempotency-Key)
//	-idempotency.chains   also report POSTs and PATCHes more than one call away or in another package
//
// The standalone driver's -facts=false builds the check without facts:
// only calls within a package are followed, and dependencies need not
// be loaded from source.
//
// To silence a finding, say why on its line or the line above it:
//
//	//retryvet:ignore idempotency the ledger deduplicates on the transfer id
//
// [retry model]: https://github.com/retryvet/retryvet/blob/main/docs/model.md#a5-idempotency
package idempotency
