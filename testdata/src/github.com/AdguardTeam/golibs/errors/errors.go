// Package errors stands for github.com/AdguardTeam/golibs/errors, a
// drop-in replacement of the standard library's package errors.
package errors

import stderrors "errors"

func New(text string) error { return stderrors.New(text) }

func Is(err, target error) bool { return stderrors.Is(err, target) }

func As(err error, target any) bool { return stderrors.As(err, target) }

func AsType[E error](err error) (E, bool) { return stderrors.AsType[E](err) }
