"""RFC 9162 Merkle tree hashing, proofs and their verification (stdlib only).

The offline verifier imports this module, so it must stay free of the domain, the service and
any database: only `hashlib`.

Terms: a tree of `size` leaves; MTH(D[start:end]) is the hash of the subtree over those leaves.
A *complete* subtree covers 2**level leaves starting at a multiple of 2**level; it is named by
(level, index) and never changes once its last leaf is appended, which is why the ledger can
store them and answer for any tree size without hashing the leaves again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()

# MTH(D[start:end]) for the ranges a proof asks for.
RangeHash = Callable[[int, int], bytes]
# The stored hash of the complete subtree (level, index).
NodeHash = Callable[[int, int], bytes]


class ProofError(ValueError):
    """Raised when a proof does not prove what it claims (or is asked for impossible sizes)."""


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split_point(n: int) -> int:
    """The largest power of two smaller than n (n > 1): where RFC 9162 splits a tree."""
    return 1 << ((n - 1).bit_length() - 1)


# -- the right edge of a growing tree -------------------------------------------------------


class Frontier:
    """The right edge of a tree: the hash of one complete subtree per set bit of its size.

    Appending a leaf completes the subtrees it closes (returned so they can be stored);
    the root of the current size is a fold of the edge, with no other hash needed.
    """

    def __init__(self, size: int = 0, edge: dict[int, bytes] | None = None) -> None:
        self.size = size
        self.edge = dict(edge or {})
        if set(self.edge) != edge_levels(size):
            raise ValueError(f"a tree of {size} leaves has an edge at levels "
                             f"{sorted(edge_levels(size))}, not {sorted(self.edge)}")

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add a leaf hash; returns the complete subtrees (level, index, hash) it closed."""
        closed: list[tuple[int, int, bytes]] = []
        level, index, value = 0, self.size, leaf
        while index & 1:
            value = node_hash(self.edge.pop(level), value)
            level, index = level + 1, index >> 1
            closed.append((level, index, value))
        self.edge[level] = value
        self.size += 1
        return closed

    def root(self) -> bytes:
        result: bytes | None = None
        for level in sorted(self.edge):
            result = self.edge[level] if result is None else node_hash(self.edge[level], result)
        return EMPTY_ROOT if result is None else result


def edge_levels(size: int) -> set[int]:
    return {level for level in range(size.bit_length()) if size >> level & 1}


def edge_nodes(size: int) -> list[tuple[int, int]]:
    """The complete subtrees (level, index) that make up the right edge of a tree of `size`."""
    return [(level, (size >> level) - 1) for level in sorted(edge_levels(size))]


def range_hash_from_nodes(node: NodeHash) -> RangeHash:
    """MTH(D[start:end]) from stored complete subtrees, for the ranges proofs ask for.

    Proofs only ask for complete subtrees and for right-edge ranges whose start is a multiple
    of a power of two at least as large as the range, so every split lands on stored nodes.
    """

    def range_hash(start: int, end: int) -> bytes:
        n = end - start
        if n & (n - 1) == 0:
            level = n.bit_length() - 1
            return node(level, start >> level)
        k = split_point(n)
        return node_hash(range_hash(start, start + k), range_hash(start + k, end))

    return range_hash


def root_of(leaves: Sequence[bytes]) -> bytes:
    """MTH of a list of leaf hashes (the reference, for tests and small trees)."""
    frontier = Frontier()
    for leaf in leaves:
        frontier.append(leaf)
    return frontier.root()


# -- proofs (RFC 9162 §2.1.3.1 and §2.1.4.1) -----------------------------------------------


def inclusion_proof(index: int, size: int, range_hash: RangeHash) -> list[bytes]:
    """PATH(index, D[0:size]): the sibling hashes from the leaf up to the root."""
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is not in a tree of {size} leaves")
    proof: list[bytes] = []
    start, end = 0, size
    while end - start > 1:
        k = split_point(end - start)
        if index < start + k:
            proof.append(range_hash(start + k, end))
            end = start + k
        else:
            proof.append(range_hash(start, start + k))
            start += k
    proof.reverse()
    return proof


def consistency_proof(first: int, second: int, range_hash: RangeHash) -> list[bytes]:
    """PROOF(first, D[0:second]): shows the tree of `second` leaves extends that of `first`."""
    if not 0 < first <= second:
        raise ProofError(f"no consistency proof from size {first} to size {second}")
    proof: list[bytes] = []
    start, end, m, complete = 0, second, first, True
    while m != end - start:
        k = split_point(end - start)
        if m <= k:
            proof.append(range_hash(start + k, end))
            end = start + k
        else:
            proof.append(range_hash(start, start + k))
            start, m, complete = start + k, m - k, False
    if not complete:
        proof.append(range_hash(start, end))
    proof.reverse()
    return proof


# -- verification (RFC 9162 §2.1.3.2 and §2.1.4.2) -----------------------------------------


def root_from_inclusion_proof(index: int, size: int, leaf: bytes,
                              proof: Sequence[bytes]) -> bytes:
    if not 0 <= index < size:
        raise ProofError(f"leaf {index} is not in a tree of {size} leaves")
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        _check_hash(p)
        if sn == 0:
            raise ProofError("the inclusion proof is longer than the tree is high")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("the inclusion proof is shorter than the tree is high")
    return r


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes],
                     root: bytes) -> None:
    """Raise ProofError unless `proof` shows leaf `index` is in the tree with `root`."""
    if root_from_inclusion_proof(index, size, leaf, proof) != root:
        raise ProofError(f"leaf {index} is not in the tree of {size} leaves with that root")


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes,
                       proof: Sequence[bytes]) -> None:
    """Raise ProofError unless `proof` shows tree `second` extends tree `first`."""
    if not 0 <= first <= second:
        raise ProofError(f"size {first} cannot be a prefix of size {second}")
    if first == second:
        if proof or first_root != second_root:
            raise ProofError("equal sizes need equal roots and an empty proof")
        return
    if first == 0:
        if proof:
            raise ProofError("the empty tree needs an empty proof")
        return
    if not proof:
        raise ProofError("the consistency proof is empty")
    path = list(proof)
    for p in path:
        _check_hash(p)
    if first & (first - 1) == 0:  # a complete subtree: the first root starts the path
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise ProofError("the consistency proof is too long")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0:
        raise ProofError("the consistency proof is too short")
    if fr != first_root or sr != second_root:
        raise ProofError(f"the tree of {second} leaves does not extend the tree of {first}")


def _check_hash(value: bytes) -> None:
    if len(value) != HASH_SIZE:
        raise ProofError(f"a proof hash has {len(value)} bytes, not {HASH_SIZE}")
