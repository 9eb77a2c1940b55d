// Package nftables is a stub of github.com/google/nftables: netlink
// messages to this machine's kernel.
package nftables

// Conn is a netlink connection to the kernel's nf_tables.
type Conn struct{}

// Flush sends the queued messages.
func (*Conn) Flush() error { return nil }
