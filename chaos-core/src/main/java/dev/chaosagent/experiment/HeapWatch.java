package dev.chaosagent.experiment;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;

/**
 * Tells when the heap used right after a garbage collection passes a share of the maximum: the JVM's
 * own GC notifications, no polling. Told at most once per start.
 */
final class HeapWatch implements NotificationListener {

    private static final String GC_NOTIFICATION = "com.sun.management.gc.notification";

    private final DoubleConsumer above;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private volatile double share;
    private volatile boolean told;

    HeapWatch(DoubleConsumer above) {
        this.above = above;
    }

    synchronized void start(double limit) {
        share = limit;
        told = false;
        if (!emitters.isEmpty()) {
            return;
        }
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(this, null, null);
                emitters.add(emitter);
            }
        }
    }

    synchronized void stop() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(this);
            } catch (ListenerNotFoundException gone) {
                // already removed
            }
        }
        emitters.clear();
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (told || !GC_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double used = (double) heap.getUsed() / max;
        if (used > share) {
            told = true;
            above.accept(used);
        }
    }
}
