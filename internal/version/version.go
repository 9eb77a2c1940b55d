// Package version holds retryvet's version, the one place a driver
// reads it from. It is the newest released version in CHANGELOG.md; a
// test keeps the two equal.
package version

// Version is retryvet's version, a semantic version with a leading v.
const Version = "v0.1.0"
