"""The verifiable log: every stored event as a leaf of an RFC 9162 Merkle tree, signed
checkpoints, the offline verifier and the export/import of a whole store.

Kept empty: `verify`, `merkle` and `checkpoint` import nothing beyond the standard library and
`cryptography`, so that an auditor can run them outside the repository."""
