package io.tomassure.audit.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.tomassure.audit.domain.EventFacts;
import io.tomassure.auditlog.AuditEntry;
import io.tomassure.auditlog.Checkpoint;
import io.tomassure.auditlog.Merkle;
import io.tomassure.events.EventEnvelope;
import io.tomassure.outbox.EventInbox;

/** The audit tables, in plain SQL: the append path is short and its locking explicit. */
@ApplicationScoped
public class AuditStore {

    private static final long SEALER_LOCK = 0x70B0_0A0DL;

    /** What an append writes: the bytes, their hash, and the index columns that find an entry. */
    private static final String COLUMNS = "seq, event_id, type, organisations, assessment_id, deployment_id, actor, hash, "
            + "recorded_at, canonical";
    /**
     * What a read selects: the number, the hash and the stored bytes; and, only for an entry logged before the bytes
     * were kept (no {@code canonical}), the columns to write it from.
     */
    private static final String STORED = "seq, hash, canonical, " + Stream.of("event_id", "type", "source", "subject",
            "event_time", "recorded_at_text", "topic", "organisations", "assessment_id", "deployment_id", "actor", "event",
            "hash_algorithm", "prev_hash").map(column -> "case when canonical is null then " + column + " end")
            .collect(Collectors.joining(", "));

    private final DataSource dataSource;

    public AuditStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The last entry's number and hash. */
    record Head(long seq, String hash) {
    }

    /** The head of the chain, locked until the caller's transaction ends: appends are serial. */
    Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select seq, hash from chain_head where id = 1 for update");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            return new Head(rs.getLong(1), rs.getString(2));
        }
    }

    /** Which of these events are logged already. */
    private static Set<UUID> logged(Connection c, Collection<UUID> eventIds) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("select event_id from audit_entry where event_id = any(?)")) {
            select.setArray(1, c.createArrayOf("uuid", eventIds.toArray()));
            Set<UUID> logged = new HashSet<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    logged.add(rs.getObject(1, UUID.class));
                }
            }
            return logged;
        }
    }

    /**
     * Appends the delivered events, received from {@code topic}, in the connection's transaction and in order, except
     * those logged already: each the next number, linked to the one before, as the next Merkle leaf. The chain head
     * is locked and moved once for them all, and the entries and subtrees go in as two statement batches.
     */
    public List<AuditEntry> append(Connection c, String topic, List<EventInbox.Delivery> deliveries, Instant now)
            throws SQLException {
        List<UUID> ids = deliveries.stream().map(d -> d.event().id()).toList();
        if (logged(c, ids).containsAll(ids)) {
            return List.of();
        }
        Head head = lockHead(c);
        Set<UUID> seen = logged(c, ids); // again under the lock: a concurrent delivery may have won it
        Merkle.Frontier tree = frontier(c, head.seq());
        Instant recordedAt = now.truncatedTo(ChronoUnit.MICROS); // as the database keeps it
        List<AuditEntry> appended = new ArrayList<>();
        String prevHash = head.hash();
        try (PreparedStatement entries = c.prepareStatement("insert into audit_entry (" + COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement nodes = c.prepareStatement("insert into merkle_node (level, idx, hash) values (?, ?, ?)")) {
            for (EventInbox.Delivery delivery : deliveries) {
                EventEnvelope event = delivery.event();
                if (!seen.add(event.id())) { // logged already, or twice in this delivery
                    continue;
                }
                EventFacts facts = EventFacts.of(event);
                AuditEntry unsealed = new AuditEntry(head.seq() + appended.size() + 1, event.id().toString(), event.type(),
                        event.source(), event.subject(), event.time().toString(), recordedAt.toString(), topic,
                        facts.organisations(), facts.assessmentId(), facts.deploymentId(), facts.actor(),
                        delivery.message(), AuditEntry.JCS, prevHash, null);
                AuditEntry.Stored stored = unsealed.seal();
                AuditEntry entry = unsealed.withHash(stored.hash());
                addEntry(c, entries, entry, stored.canonical(), recordedAt);
                for (Merkle.Node node : tree.append(stored.leafHash())) {
                    nodes.setInt(1, node.level());
                    nodes.setLong(2, node.index());
                    nodes.setBytes(3, node.hash());
                    nodes.addBatch();
                }
                appended.add(entry);
                prevHash = entry.hash();
            }
            entries.executeBatch();
            nodes.executeBatch();
        }
        try (PreparedStatement update = c.prepareStatement("update chain_head set seq = ?, hash = ? where id = 1")) {
            update.setLong(1, head.seq() + appended.size());
            update.setString(2, prevHash);
            update.executeUpdate();
        }
        return appended;
    }

    private static void addEntry(Connection c, PreparedStatement insert, AuditEntry e, byte[] canonical, Instant recordedAt)
            throws SQLException {
        insert.setLong(1, e.seq());
        insert.setObject(2, UUID.fromString(e.eventId()));
        insert.setString(3, e.type());
        insert.setArray(4, c.createArrayOf("text", e.organisations().toArray()));
        insert.setObject(5, e.assessmentId() == null ? null : UUID.fromString(e.assessmentId()));
        insert.setObject(6, e.deploymentId() == null ? null : UUID.fromString(e.deploymentId()));
        insert.setString(7, e.actor());
        insert.setString(8, e.hash());
        insert.setTimestamp(9, Timestamp.from(recordedAt));
        insert.setBytes(10, canonical);
        insert.addBatch();
    }

    /**
     * Takes the sealer's lock for the rest of {@code c}'s transaction, unless another instance holds it: only one
     * instance seals at a time, whatever the number of replicas.
     */
    public boolean trySealerLock(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, SEALER_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static final String NODES = """
            select n.level, n.idx, n.hash from merkle_node n
            join unnest(?::int[], ?::bigint[]) as wanted(level, idx) on n.level = wanted.level and n.idx = wanted.idx""";

    /** The given stored subtrees, read in one query; asking for any other is an error. */
    public Merkle.Nodes nodes(Connection c, Collection<Merkle.NodeRef> refs) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(NODES)) {
            return nodes(read(c, select, refs));
        }
    }

    /**
     * As {@link #nodes}, in the same query as the check that entry {@code seq} is logged and, when {@code visibleTo}
     * is given, concerns that organisation: empty when it is not. A proof then costs one round trip, not two.
     */
    public Optional<Merkle.Nodes> nodesIfVisible(Connection c, Collection<Merkle.NodeRef> refs, long seq, String visibleTo)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement(NODES + " where exists (select 1 from audit_entry where seq = ?"
                + (visibleTo == null ? ")" : " and organisations @> array[?]::text[])"))) {
            select.setLong(3, seq);
            if (visibleTo != null) {
                select.setString(4, visibleTo);
            }
            Map<Merkle.NodeRef, byte[]> found = read(c, select, refs);
            return found.isEmpty() ? Optional.empty() : Optional.of(nodes(found));
        }
    }

    private static Map<Merkle.NodeRef, byte[]> read(Connection c, PreparedStatement select, Collection<Merkle.NodeRef> refs)
            throws SQLException {
        select.setArray(1, c.createArrayOf("int4", refs.stream().map(Merkle.NodeRef::level).toArray()));
        select.setArray(2, c.createArrayOf("int8", refs.stream().map(Merkle.NodeRef::index).toArray()));
        Map<Merkle.NodeRef, byte[]> found = new HashMap<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                found.put(new Merkle.NodeRef(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
            }
        }
        return found;
    }

    private static Merkle.Nodes nodes(Map<Merkle.NodeRef, byte[]> found) {
        return (level, index) -> {
            byte[] hash = found.get(new Merkle.NodeRef(level, index));
            if (hash == null) {
                throw new IllegalStateException("Merkle node " + level + "/" + index + " is missing");
            }
            return hash;
        };
    }

    /** The right edge of the stored tree of {@code size} leaves, read in one query: what appends and the root need. */
    public Merkle.Frontier frontier(Connection c, long size) throws SQLException {
        return Merkle.Frontier.of(nodes(c, Merkle.Frontier.refs(size)), size);
    }

    /** Whether entry {@code seq} is logged and, when {@code visibleTo} is given, concerns that organisation. */
    public boolean visible(Connection c, long seq, String visibleTo) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(visibleTo == null ? "select 1 from audit_entry where seq = ?"
                : "select 1 from audit_entry where seq = ? and organisations @> array[?]::text[]")) {
            select.setLong(1, seq);
            if (visibleTo != null) {
                select.setString(2, visibleTo);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    public List<AuditEntry> entries(EntryFilter filter, long afterSeq, int limit) throws SQLException {
        EntryFilter.Sql sql = filter.sql(afterSeq);
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select " + STORED + " from audit_entry where " + sql.where() + " order by seq limit ?")) {
            int i = 1;
            for (Object parameter : sql.parameters()) {
                select.setObject(i++, parameter);
            }
            select.setInt(i, limit);
            return read(select).stream().map(AuditEntry.Stored::entry).toList();
        }
    }

    public List<AuditEntry> range(long fromSeq, long toSeq) throws SQLException {
        return stored(fromSeq, toSeq).stream().map(AuditEntry.Stored::entry).toList();
    }

    /** Entries {@code fromSeq..toSeq} as stored, in order. */
    public List<AuditEntry.Stored> stored(long fromSeq, long toSeq) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select " + STORED + " from audit_entry where seq between ? and ? order by seq")) {
            select.setLong(1, fromSeq);
            select.setLong(2, toSeq);
            return read(select);
        }
    }

    /**
     * Hands entries {@code from..to} to {@code each} in order, a batch at a time, reading the next batch while
     * {@code each} works on the current one: a verifier then waits for the database only once. At most two batches
     * are in memory.
     */
    public void scan(long from, long to, int batchSize, Consumer<List<AuditEntry.Stored>> each) throws SQLException {
        if (from > to) {
            return; // nothing to read: no reader thread, no query
        }
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "audit-scan"));
        try {
            Future<List<AuditEntry.Stored>> next = reader.submit(() -> stored(from, Math.min(to, from + batchSize - 1)));
            for (long start = from; start <= to; start += batchSize) {
                List<AuditEntry.Stored> batch = next.get();
                long following = start + batchSize;
                if (following <= to) {
                    next = reader.submit(() -> stored(following, Math.min(to, following + batchSize - 1)));
                }
                each.accept(batch);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the audit log", e);
        } finally {
            reader.shutdownNow();
        }
    }

    public Optional<AuditEntry> entry(long seq) throws SQLException {
        List<AuditEntry> entries = range(seq, seq);
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(0));
    }

    private static List<AuditEntry.Stored> read(PreparedStatement select) throws SQLException {
        List<AuditEntry.Stored> entries = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                byte[] canonical = rs.getBytes(3);
                entries.add(canonical != null ? new AuditEntry.Stored(rs.getLong(1), rs.getString(2), canonical)
                        : AuditEntry.Stored.of(fromColumns(rs)));
            }
        }
        return entries;
    }

    /** An entry logged before its bytes were kept, from its columns (the {@link #STORED} order). */
    private static AuditEntry fromColumns(ResultSet rs) throws SQLException {
        Array organisations = rs.getArray(11);
        return new AuditEntry(rs.getLong(1), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), Arrays.asList((String[]) organisations.getArray()),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17),
                rs.getString(2));
    }

    public long size() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select seq from chain_head where id = 1"); ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public Optional<Checkpoint> latestCheckpoint() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select tree_size, root_hash, sealed_at, signature from checkpoint order by tree_size desc limit 1");
                ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
        }
    }

    /** The checkpoint signed over exactly {@code treeSize} entries, if one was. */
    public Optional<Checkpoint> checkpoint(long treeSize) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "select tree_size, root_hash, sealed_at, signature from checkpoint where tree_size = ?")) {
            select.setLong(1, treeSize);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
            }
        }
    }

    private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    public void insertCheckpoint(Connection c, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "insert into checkpoint (tree_size, root_hash, sealed_at, signature) values (?, ?, ?, ?) on conflict do nothing")) {
            insert.setLong(1, checkpoint.treeSize());
            insert.setString(2, checkpoint.rootHash());
            insert.setString(3, checkpoint.sealedAt());
            insert.setString(4, checkpoint.signature());
            insert.executeUpdate();
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
