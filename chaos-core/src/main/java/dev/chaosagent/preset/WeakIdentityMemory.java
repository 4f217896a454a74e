package dev.chaosagent.preset;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * What a preset remembers about the application's objects (a prepared statement's SQL), by identity
 * and weakly: an object the application lets go of is forgotten. Read on every call of a bound
 * method, so a read takes no lock but its stripe's and allocates nothing; the stripes keep threads
 * that read different objects apart.
 */
public final class WeakIdentityMemory {

    private static final int STRIPES = 16;

    private final Stripe[] stripes = new Stripe[STRIPES];

    public WeakIdentityMemory() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** What is remembered about {@code key}, or null. */
    public Object get(Object key) {
        int hash = System.identityHashCode(key);
        return stripes[hash & (STRIPES - 1)].get(key, hash);
    }

    public void put(Object key, Object value) {
        int hash = System.identityHashCode(key);
        stripes[hash & (STRIPES - 1)].put(key, hash, value);
    }

    /** The number of objects remembered (those collected but not yet purged included). */
    public int size() {
        int size = 0;
        for (Stripe stripe : stripes) {
            size += stripe.size();
        }
        return size;
    }

    /** Forgets everything, when no rule needs it any more. */
    public void clear() {
        for (Stripe stripe : stripes) {
            stripe.clear();
        }
    }

    private static final class Entry extends WeakReference<Object> {
        final int hash;
        Object value;
        Entry next;

        Entry(Object key, int hash, Object value, Entry next, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }

    /** One open hash table of chained weak entries, under its own lock. */
    private static final class Stripe {
        private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
        private Entry[] table = new Entry[16];
        private int size;

        synchronized Object get(Object key, int hash) {
            for (Entry e = table[(hash >>> 4) & (table.length - 1)]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    return e.value;
                }
            }
            return null;
        }

        synchronized void put(Object key, int hash, Object value) {
            purge();
            int slot = (hash >>> 4) & (table.length - 1);
            for (Entry e = table[slot]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    e.value = value;
                    return;
                }
            }
            table[slot] = new Entry(key, hash, value, table[slot], collected);
            if (++size > table.length * 3 / 4) {
                grow();
            }
        }

        synchronized int size() {
            purge();
            return size;
        }

        synchronized void clear() {
            table = new Entry[16];
            size = 0;
            while (collected.poll() != null) {
                // entries of the old table: dropped with it
            }
        }

        private void purge() {
            for (Object gone; (gone = collected.poll()) != null; ) {
                Entry entry = (Entry) gone;
                int slot = (entry.hash >>> 4) & (table.length - 1);
                Entry previous = null;
                for (Entry e = table[slot]; e != null; previous = e, e = e.next) {
                    if (e == entry) {
                        if (previous == null) {
                            table[slot] = e.next;
                        } else {
                            previous.next = e.next;
                        }
                        e.value = null;
                        size--;
                        break;
                    }
                }
            }
        }

        private void grow() {
            Entry[] old = table;
            Entry[] grown = new Entry[old.length * 2];
            for (Entry head : old) {
                for (Entry e = head; e != null; ) {
                    Entry next = e.next;
                    int slot = (e.hash >>> 4) & (grown.length - 1);
                    e.next = grown[slot];
                    grown[slot] = e;
                    e = next;
                }
            }
            table = grown;
        }
    }
}
