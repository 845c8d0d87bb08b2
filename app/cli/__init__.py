"""The `repat` command line: `main` parses the arguments and runs a command; each module of
`commands` registers the commands of one area; `common` holds what they share."""
