// Package broken does not parse.
package broken

func Broken( {
}
