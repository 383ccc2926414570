package io.tomassure.auditlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merkle trees as Certificate Transparency defines them (RFC 6962, section 2.1): leaves hashed with a 0x00
 * prefix, inner nodes with 0x01, a tree of n leaves split at the largest power of two below n. An entry's
 * inclusion in a tree of size n is proved by about log2(n) hashes.
 */
public final class Merkle {

    /** Hashes of whole, aligned subtrees: leaves [index * 2^level, (index + 1) * 2^level). */
    public interface Nodes {
        byte[] node(int level, long index);
    }

    /** Where an aligned subtree is: its level (0 for a leaf) and its index on that level. */
    public record NodeRef(int level, long index) {
    }

    /** An aligned subtree and its hash: leaves [index * 2^level, (index + 1) * 2^level). */
    public record Node(int level, long index, byte[] hash) {
    }

    private Merkle() {
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(leaf);
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /**
     * What appending leaf {@code index} adds to a tree: the leaf and every aligned subtree it completes, bottom up.
     * {@code left} gives the left siblings it joins, one per trailing 1-bit of the index (as a binary counter carries).
     */
    public static List<Node> completedBy(long index, byte[] leafHash, Nodes left) {
        List<Node> completed = new ArrayList<>();
        byte[] hash = leafHash;
        int level = 0;
        completed.add(new Node(level, index, hash));
        while ((index & 1) == 1) {
            hash = nodeHash(left.node(level, index - 1), hash);
            index >>= 1;
            completed.add(new Node(++level, index, hash));
        }
        return completed;
    }

    /** The root of the tree over leaves [0, size), from stored aligned subtrees: O(log size) look-ups. */
    public static byte[] root(Nodes nodes, long size) {
        if (size == 0) {
            return sha256().digest();
        }
        return subtree(nodes, 0, size);
    }

    /** The hash of leaves [start, start + count); whole aligned subtrees come from storage. */
    static byte[] subtree(Nodes nodes, long start, long count) {
        if (Long.bitCount(count) == 1 && start % count == 0) {
            return nodes.node(Long.numberOfTrailingZeros(count), start / count);
        }
        long split = Long.highestOneBit(count - 1);
        return nodeHash(subtree(nodes, start, split), subtree(nodes, start + split, count - split));
    }

    /** The audit path of leaf {@code index} in the tree of {@code size} leaves, bottom up (RFC 6962 PATH). */
    public static List<byte[]> inclusionProof(Nodes nodes, long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> path = new ArrayList<>();
        path(nodes, index, 0, size, path);
        return path;
    }

    /**
     * The stored subtrees {@link #inclusionProof} reads for that leaf and size. Which ones depends on the shape of
     * the tree only, not on hashes: a store can fetch them all at once, and the proof costs one read, not log2(size).
     */
    public static Set<NodeRef> proofNodes(long index, long size) {
        Set<NodeRef> read = new LinkedHashSet<>();
        byte[] anyHash = new byte[32];
        inclusionProof((level, i) -> {
            read.add(new NodeRef(level, i));
            return anyHash;
        }, index, size);
        return read;
    }

    private static void path(Nodes nodes, long index, long start, long count, List<byte[]> path) {
        if (count == 1) {
            return;
        }
        long split = Long.highestOneBit(count - 1);
        if (index < start + split) {
            path(nodes, index, start, split, path);
            path.add(subtree(nodes, start + split, count - split));
        } else {
            path(nodes, index, start + split, count - split, path);
            path.add(subtree(nodes, start, split));
        }
    }

    /** Whether {@code proof} shows the leaf with {@code leafHash} at {@code index} in the tree of {@code root}. */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        // RFC 9162, section 2.1.3.2: walk up from the leaf, consuming the path bottom up.
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * The consistency proof from the tree of {@code from} leaves to the tree of {@code to} (RFC 6962 PROOF, section
     * 2.1.2): the fewest subtree hashes that show the larger tree holds the smaller one unchanged, with leaves only
     * appended. Empty when the sizes are equal.
     */
    public static List<byte[]> consistencyProof(Nodes nodes, long from, long to) {
        if (from < 1 || from > to) {
            throw new IllegalArgumentException("no consistency proof from a tree of " + from + " to one of " + to);
        }
        List<byte[]> proof = new ArrayList<>();
        if (from < to) {
            subproof(nodes, from, 0, to, true, proof);
        }
        return proof;
    }

    /** The stored subtrees {@link #consistencyProof} reads for those sizes: fetched at once, as for inclusion. */
    public static Set<NodeRef> consistencyNodes(long from, long to) {
        Set<NodeRef> read = new LinkedHashSet<>();
        byte[] anyHash = new byte[32];
        consistencyProof((level, i) -> {
            read.add(new NodeRef(level, i));
            return anyHash;
        }, from, to);
        return read;
    }

    /** RFC 6962 SUBPROOF(m, D[start:start+count], whole): {@code whole} while the old tree is a whole left subtree. */
    private static void subproof(Nodes nodes, long m, long start, long count, boolean whole, List<byte[]> proof) {
        if (m == count) {
            if (!whole) {
                proof.add(subtree(nodes, start, count));
            }
            return;
        }
        long split = Long.highestOneBit(count - 1);
        if (m <= split) {
            subproof(nodes, m, start, split, whole, proof);
            proof.add(subtree(nodes, start + split, count - split));
        } else {
            subproof(nodes, m - split, start + split, count - split, false, proof);
            proof.add(subtree(nodes, start, split));
        }
    }

    /**
     * Whether {@code proof} shows that the tree of {@code from} leaves with root {@code fromRoot} is the start of the
     * tree of {@code to} leaves with root {@code toRoot} (RFC 9162, section 2.1.4.2).
     */
    public static boolean verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
        if (from < 1 || from > to) {
            return false;
        }
        if (from == to) {
            return proof.isEmpty() && Arrays.equals(fromRoot, toRoot);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(from) == 1) { // the old tree is a whole subtree: its root starts the path
            path.add(0, fromRoot);
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, fromRoot) && Arrays.equals(sr, toRoot);
    }

    /** One digest per thread, reused: every caller ends with {@code digest()}, which resets it. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static MessageDigest sha256() {
        MessageDigest sha = SHA256.get();
        sha.reset();
        return sha;
    }

    /**
     * The right edge of a tree built leaf by leaf: one complete, aligned subtree per 1-bit of the size, so a tree of
     * any size is built (and its root known) in O(log n) memory. Appending merges equal-sized subtrees, as a binary
     * counter carries.
     */
    public static final class Frontier {
        private final List<byte[]> subtrees = new ArrayList<>(); // by level; null where the size has a 0-bit
        private long size;

        /** The frontier of a stored tree of {@code size} leaves. */
        public static Frontier of(Nodes nodes, long size) {
            Frontier frontier = new Frontier();
            for (int level = 0; (size >> level) > 0; level++) {
                frontier.subtrees.add(null);
            }
            for (NodeRef ref : refs(size)) {
                frontier.subtrees.set(ref.level(), nodes.node(ref.level(), ref.index()));
            }
            frontier.size = size;
            return frontier;
        }

        /** The stored subtrees on the right edge of a tree of {@code size} leaves: one per 1-bit of the size. */
        public static List<NodeRef> refs(long size) {
            List<NodeRef> refs = new ArrayList<>();
            for (int level = 0; (size >> level) > 0; level++) {
                if (((size >> level) & 1) == 1) {
                    refs.add(new NodeRef(level, (size >> level) - 1));
                }
            }
            return refs;
        }

        /** Appends a leaf; returns it and every subtree it completes, bottom up (what a store keeps). */
        public List<Node> append(byte[] leafHash) {
            List<Node> completed = completedBy(size, leafHash, (level, index) -> subtrees.get(level));
            Node top = completed.get(completed.size() - 1);
            for (int level = 0; level < top.level(); level++) {
                subtrees.set(level, null); // merged into top
            }
            if (top.level() == subtrees.size()) {
                subtrees.add(top.hash());
            } else {
                subtrees.set(top.level(), top.hash());
            }
            size++;
            return completed;
        }

        public long size() {
            return size;
        }

        /** The root (RFC 6962: the smaller, right-hand subtrees join first). */
        public byte[] root() {
            byte[] root = null;
            for (byte[] subtree : subtrees) {
                if (subtree != null) {
                    root = root == null ? subtree : nodeHash(subtree, root);
                }
            }
            return root == null ? sha256().digest() : root;
        }
    }

    /** Aligned subtree hashes kept in memory: for tests, the verifier and benchmarks. */
    public static final class InMemory implements Nodes {

        private final List<List<byte[]>> levels = new ArrayList<>();

        /** Appends a leaf and every aligned subtree it completes. */
        public void append(byte[] leafHash) {
            for (Node node : completedBy(size(), leafHash, this)) {
                if (levels.size() == node.level()) {
                    levels.add(new ArrayList<>());
                }
                levels.get(node.level()).add(node.hash());
            }
        }

        public long size() {
            return levels.isEmpty() ? 0 : levels.get(0).size();
        }

        @Override
        public byte[] node(int level, long index) {
            return levels.get(level).get((int) index);
        }
    }
}
