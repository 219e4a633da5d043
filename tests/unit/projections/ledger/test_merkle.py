"""RFC 9162 hashing and proofs against the Certificate Transparency test vectors.

The vectors are the eight leaves of the CT reference code (RFC 6962 test data), as used by
google/certificate-transparency-go and transparency-dev/merkle (proof/verify_test.go): the
roots of sizes 0..8 and the inclusion and consistency proofs between them.
"""

from __future__ import annotations

import hashlib
from typing import ClassVar

import pytest

from projections.ledger.merkle import (
    EMPTY_ROOT,
    Frontier,
    ProofError,
    RangeHash,
    consistency_proof,
    edge_nodes,
    inclusion_proof,
    leaf_hash,
    node_hash,
    range_hash_from_nodes,
    root_of,
    verify_consistency,
    verify_inclusion,
)

LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f")]
ROOTS = [bytes.fromhex(h) for h in (
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
# (leaf index, tree size, audit path)
INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]
# (first size, second size, proof)
CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]
HASHES = [leaf_hash(data) for data in LEAVES]


def reference_root(leaves: list[bytes]) -> bytes:
    """MTH written straight from RFC 9162 §2.1.1, recursion and all."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return node_hash(reference_root(leaves[:k]), reference_root(leaves[k:]))


def stored_nodes(leaves: list[bytes]) -> dict[tuple[int, int], bytes]:
    """Every complete subtree of a tree, as the ledger stores them."""
    frontier, nodes = Frontier(), {}
    for index, leaf in enumerate(leaves):
        nodes[(0, index)] = leaf
        nodes.update({(level, i): h for level, i, h in frontier.append(leaf)})
    return nodes


def from_nodes(leaves: list[bytes]) -> RangeHash:
    nodes = stored_nodes(leaves)
    return range_hash_from_nodes(lambda level, index: nodes[(level, index)])


class TestTheCertificateTransparencyVectors:
    @pytest.mark.parametrize("size", range(9))
    def test_the_root_of_each_size_is_the_published_one(self, size: int) -> None:
        assert root_of(HASHES[:size]) == ROOTS[size]
        if size:
            assert from_nodes(HASHES)(0, size) == ROOTS[size]

    def test_the_empty_tree_hashes_to_sha256_of_nothing(self) -> None:
        assert root_of([]) == EMPTY_ROOT == ROOTS[0]

    @pytest.mark.parametrize(("index", "size", "path"), INCLUSION)
    def test_inclusion_proofs_are_the_published_ones_and_verify(
            self, index: int, size: int, path: list[str]) -> None:
        proof = inclusion_proof(index, size, from_nodes(HASHES[:size]))
        assert [p.hex() for p in proof] == path
        verify_inclusion(index, size, HASHES[index], proof, ROOTS[size])

    @pytest.mark.parametrize(("first", "second", "path"), CONSISTENCY)
    def test_consistency_proofs_are_the_published_ones_and_verify(
            self, first: int, second: int, path: list[str]) -> None:
        proof = consistency_proof(first, second, from_nodes(HASHES[:second]))
        assert [p.hex() for p in proof] == path
        verify_consistency(first, second, ROOTS[first], ROOTS[second], proof)


class TestEveryShapeOfTree:
    LEAVES: ClassVar[list[bytes]] = [leaf_hash(i.to_bytes(2, "big")) for i in range(40)]

    def test_roots_from_the_frontier_and_from_stored_nodes_match_the_rfc_recursion(
            self) -> None:
        frontier = Frontier()
        range_hash = from_nodes(self.LEAVES)
        for size in range(1, len(self.LEAVES) + 1):
            frontier.append(self.LEAVES[size - 1])
            expected = reference_root(self.LEAVES[:size])
            assert frontier.root() == expected
            assert range_hash(0, size) == expected
            edge = stored_nodes(self.LEAVES[:size])
            assert Frontier(size, {level: edge[(level, index)]
                                   for level, index in edge_nodes(size)}).root() == expected

    def test_every_inclusion_and_consistency_proof_verifies_and_a_flipped_bit_fails(
            self) -> None:
        range_hash = from_nodes(self.LEAVES)
        roots = [reference_root(self.LEAVES[:n]) for n in range(len(self.LEAVES) + 1)]
        for size in range(1, 24):
            for index in range(size):
                proof = inclusion_proof(index, size, range_hash)
                verify_inclusion(index, size, self.LEAVES[index], proof, roots[size])
                if proof:
                    bad = [proof[0][:5] + bytes([proof[0][5] ^ 8]) + proof[0][6:], *proof[1:]]
                    with pytest.raises(ProofError):
                        verify_inclusion(index, size, self.LEAVES[index], bad, roots[size])
                if index ^ 1 < size:  # the sibling's place: the hashes combine the other way
                    with pytest.raises(ProofError):
                        verify_inclusion(index ^ 1, size, self.LEAVES[index], proof, roots[size])
            for first in range(1, size + 1):
                proof = consistency_proof(first, size, range_hash)
                verify_consistency(first, size, roots[first], roots[size], proof)
                if first < size:
                    with pytest.raises(ProofError):
                        verify_consistency(first, size, roots[first - 1] if first > 1
                                           else roots[size], roots[size], proof)
                    with pytest.raises(ProofError):
                        verify_consistency(first, size, roots[first], roots[size], proof[:-1])

    def test_a_proof_for_a_leaf_outside_the_tree_is_refused(self) -> None:
        with pytest.raises(ProofError):
            inclusion_proof(5, 5, from_nodes(self.LEAVES))
        with pytest.raises(ProofError):
            consistency_proof(6, 5, from_nodes(self.LEAVES))
