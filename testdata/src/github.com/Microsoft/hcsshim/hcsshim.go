// Package hcsshim is a stub of github.com/Microsoft/hcsshim v0.13.0:
// calls into this machine's Host Compute Service (vmcompute.dll).
package hcsshim

import "errors"

// ErrVmcomputeOperationInvalidState is returned when the compute
// system is not in a state that allows the operation.
var ErrVmcomputeOperationInvalidState = errors.New("the requested virtual machine or container operation is not valid in the current state")

// ComputeSystemQuery selects compute systems.
type ComputeSystemQuery struct{}

// ContainerProperties describes one compute system.
type ContainerProperties struct{ ID string }

// GetContainers lists this machine's compute systems.
func GetContainers(q ComputeSystemQuery) ([]ContainerProperties, error) { return nil, nil }
