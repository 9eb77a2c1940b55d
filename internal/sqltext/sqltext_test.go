package sqltext

import "testing"

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		query  string
		kind   Kind
		column string
	}{
		// Inserts that a second run duplicates.
		{"INSERT INTO orders (id, total) VALUES ($1, $2)", Insert, ""},
		{"insert into orders values (?, ?)", Insert, ""},
		{"  -- add the order\n  INSERT INTO orders VALUES (?)", Insert, ""},
		{"INSERT INTO t (a) VALUES ('ON CONFLICT DO NOTHING')", Insert, ""},
		{"INSERT INTO t (a) VALUES ($x$ ON CONFLICT $x$)", Insert, ""},
		{"INSERT INTO t (a) VALUES (1) /* ON CONFLICT DO NOTHING */", Insert, ""},
		{"INSERT INTO t (a) VALUES (1) -- ON CONFLICT DO NOTHING", Insert, ""},
		{`INSERT INTO "on" ("conflict") VALUES (1)`, Insert, ""},
		{"INSERT INTO t SELECT * FROM u WHERE EXISTS (SELECT 1)", Insert, ""},
		{"WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", Insert, ""},
		{"SELECT 1; INSERT INTO t VALUES (1)", Insert, ""},
		{"INSERT INTO t VALUES (E'it\\'s ON CONFLICT')", Insert, ""},
		{"INSERT INTO t VALUES ('it''s') RETURNING id", Insert, ""},
		{"INSERT OR ABORT INTO t VALUES (1)", Insert, ""},

		// Inserts that tolerate a repeat.
		{"INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING", Safe, ""},
		{"insert into t (a) values (1) on conflict (a) do update set a = excluded.a", Safe, ""},
		{"INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = VALUES(a)", Safe, ""},
		{"INSERT IGNORE INTO t VALUES (1)", Safe, ""},
		{"INSERT OR IGNORE INTO t VALUES (1)", Safe, ""},
		{"INSERT OR REPLACE INTO t VALUES (1)", Safe, ""},
		{"REPLACE INTO t VALUES (1)", Safe, ""},
		{"MERGE INTO t USING u ON t.id = u.id WHEN NOT MATCHED THEN INSERT (id) VALUES (u.id)", Safe, ""},
		{"INSERT INTO t (id) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM t WHERE id = $1)", Safe, ""},
		{"UPSERT INTO t VALUES (1)", Safe, ""},

		// Relative updates.
		{"UPDATE accounts SET balance = balance - $1 WHERE id = $2", Relative, "balance"},
		{"update accounts set Balance = 1 + balance where id = ?", Relative, "Balance"},
		{"UPDATE t SET n = t.n + 1", Relative, "n"},
		{`UPDATE t SET "hits" = "hits" + 1 WHERE id = 1`, Relative, "hits"},
		{"UPDATE t SET n = GREATEST(n - 1, 0) WHERE id = 1", Relative, "n"},
		{"UPDATE t SET note = note || ' again' WHERE id = 1", Relative, "note"},
		{"UPDATE t SET a = 1, n = n + 1 WHERE id = ? RETURNING a", Relative, "n"},

		// Updates safe to repeat.
		{"UPDATE orders SET status = 'paid' WHERE id = $1 AND status = 'pending'", Safe, ""},
		{"UPDATE t SET n = n + 1, version = version + 1 WHERE id = $1 AND version = $2", Safe, ""},
		{"UPDATE accounts SET balance = balance - $1 WHERE id = $2 AND balance >= $1", Safe, ""},
		{"UPDATE t SET n = $1 WHERE id = $2", Safe, ""},
		{"UPDATE t SET data = jsonb_set(data, '{a}', '1') WHERE id = 1", Safe, ""},
		{"UPDATE t SET n = n WHERE id = 1", Safe, ""},
		{"UPDATE t SET (a, b) = (a + 1, b) WHERE id = 1", Safe, ""},
		{"UPDATE t SET note = 'n = n + 1' WHERE id = 1", Safe, ""},

		// Neither.
		{"SELECT * FROM orders WHERE id = $1", Safe, ""},
		{"DELETE FROM orders WHERE id = $1", Safe, ""},
		{"SELECT 'INSERT INTO t VALUES (1)'", Safe, ""},
		{"", Safe, ""},
		{"INSERT", Insert, ""},
		{"/* unclosed", Safe, ""},
		{"'unclosed", Safe, ""},
		{"$tag$ unclosed", Safe, ""},
		{"UPDATE", Safe, ""},
		{"UPDATE t SET", Safe, ""},
		{"UPDATE t SET = n + 1", Safe, ""},
	} {
		got := Check(tc.query)
		if got.Kind != tc.kind || got.Column != tc.column {
			t.Errorf("Check(%q) = %+v, want kind %d column %q", tc.query, got, tc.kind, tc.column)
		}
	}
}

func FuzzCheck(f *testing.F) {
	f.Add("INSERT INTO t VALUES ($1) ON CONFLICT DO NOTHING")
	f.Add("UPDATE t SET n = n + 1 WHERE id = 1; /* x */ 'y' $a$ b $a$")
	f.Fuzz(func(t *testing.T, q string) {
		Check(q) // must not panic
	})
}

func TestUpsert(t *testing.T) {
	for q, want := range map[string]bool{
		"INSERT INTO t (id) VALUES ($1) ON CONFLICT DO NOTHING":            true,
		"insert into t (id) values (?) on duplicate key update n = n":      true,
		"INSERT IGNORE INTO t (id) VALUES (1)":                             true,
		"INSERT OR REPLACE INTO t (id) VALUES (1)":                         true,
		"WITH x AS (SELECT 1) INSERT INTO t SELECT 1 WHERE NOT EXISTS (x)": true,
		"REPLACE INTO t (id) VALUES (1)":                                   true,
		"MERGE INTO t USING s ON t.id = s.id":                              true,
		"SELECT 1; INSERT INTO t (id) VALUES (1) ON CONFLICT DO NOTHING":   true,
		"INSERT INTO t (id) VALUES (1)":                                    false,
		"SELECT * FROM t WHERE note = 'ON CONFLICT'":                       false,
		"UPDATE t SET n = 1":                                               false,
		"DELETE FROM t":                                                    false,
		"":                                                                 false,
	} {
		if got := Upsert(q); got != want {
			t.Errorf("Upsert(%q) = %t, want %t", q, got, want)
		}
	}
}
