// Package process is a stub of gopsutil's process package: it reads
// /proc and the like on this machine.
package process

type Process struct{ Pid int32 }

func NewProcess(pid int32) (*Process, error) { return &Process{Pid: pid}, nil }

func (p *Process) CreateTime() (int64, error) { return 0, nil }

func (p *Process) IsRunning() (bool, error) { return true, nil }
