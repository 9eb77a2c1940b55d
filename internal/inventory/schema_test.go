package inventory_test

import (
	"bytes"
	"testing"

	"github.com/retryvet/retryvet/internal/inventory"
	"github.com/retryvet/retryvet/internal/schematest"
)

// validate checks rep's JSON against docs/inventory.schema.json.
func validate(t *testing.T, rep *inventory.Report) {
	t.Helper()
	var buf bytes.Buffer
	if err := inventory.WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	if err := schematest.Check(schematest.Compile(t, "../../docs/inventory.schema.json"), buf.Bytes()); err != nil {
		t.Errorf("the inventory's JSON does not follow docs/inventory.schema.json: %v\n%s", err, buf.String())
	}
}
