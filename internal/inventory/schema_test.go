package inventory_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/retryvet/retryvet/internal/inventory"
)

// validate checks rep's JSON against docs/inventory.schema.json.
func validate(t *testing.T, rep *inventory.Report) {
	t.Helper()
	f, err := os.Open("../../docs/inventory.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("inventory.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("inventory.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := inventory.WriteJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	out, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(out); err != nil {
		t.Errorf("the inventory's JSON does not follow docs/inventory.schema.json: %v\n%s", err, buf.String())
	}
}
