package org.homeamp.demo.ampsim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.homeamp.amp.AmpState;

/**
 * Live state of one simulated instance: whether its AMP process runs, its application state and its
 * console. Transitions are computed when read (state = f(now)) so no background threads are needed
 * and a test can never race a timer it cannot see.
 */
final class SimulatedInstance {

    /** A console line; lines scheduled by a start become visible at {@code visibleAtNanos}. */
    record ConsoleLine(long seq, long visibleAtNanos, long timestampMillis, String contents, boolean needsReady) {
    }

    /** A line a lifecycle action will print, {@code offsetMillis} after the action. */
    record ScriptedLine(long offsetMillis, String contents, boolean needsReady) {
    }

    private record Transition(AmpState during, AmpState after, long endNanos, long endEpochMillis) {
    }

    private static final int CONSOLE_BACKLOG = 500;

    private final HostConfig.InstanceSeed seed;
    private final Path filesRoot;
    private final LongSupplier nanoClock;

    private boolean running;
    private AmpState settled;
    private Transition transition;
    private long readySinceMillis;
    private boolean neverReady;
    private SimulatorControl.StartFailure startFailure;
    private final Set<String> pluginsFailingNextStart = new LinkedHashSet<>();
    private final List<ConsoleLine> console = new ArrayList<>();
    private long firstSeq;
    private long nextSeq;

    SimulatedInstance(HostConfig.InstanceSeed seed, Path filesRoot, LongSupplier nanoClock) {
        this.seed = seed;
        this.filesRoot = filesRoot;
        this.nanoClock = nanoClock;
        this.running = seed.running();
        this.settled = AmpState.of(seed.appState());
        // The seed's server has "been up" for a while; a plausible uptime reads better in the demo.
        this.readySinceMillis = System.currentTimeMillis() - 3_723_000L;
    }

    HostConfig.InstanceSeed seed() {
        return seed;
    }

    Path filesRoot() {
        return filesRoot;
    }

    synchronized boolean running() {
        return running;
    }

    synchronized void setRunning(boolean running) {
        this.running = running;
    }

    synchronized void setNeverReady(boolean neverReady) {
        this.neverReady = neverReady;
    }

    synchronized void failNextStart(SimulatorControl.StartFailure failure) {
        this.startFailure = failure;
    }

    /** How this start fails, or null; consumed because the fault is one-shot. */
    synchronized SimulatorControl.StartFailure takeStartFailure() {
        SimulatorControl.StartFailure failure = startFailure;
        startFailure = null;
        return failure;
    }

    synchronized void failPluginOnNextStart(String plugin) {
        pluginsFailingNextStart.add(plugin);
    }

    /** Plugins to fail on this start; consumed because the fault is one-shot. */
    synchronized Set<String> takeFailingPlugins() {
        Set<String> plugins = new LinkedHashSet<>(pluginsFailingNextStart);
        pluginsFailingNextStart.clear();
        return plugins;
    }

    synchronized AmpState appState() {
        settle();
        return transition != null ? transition.during() : settled;
    }

    /** AMP's uptime text {@code d:hh:mm:ss}; zero unless the application is ready. */
    synchronized String uptime() {
        if (appState() != AmpState.READY) {
            return "0:00:00:00";
        }
        long seconds = Math.max(0, (System.currentTimeMillis() - readySinceMillis) / 1000);
        return String.format("%d:%02d:%02d:%02d", seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60,
                seconds % 60);
    }

    /**
     * Begins a transition {@code during} → {@code after} lasting {@code millis}, printing {@code lines}
     * on the way. Lines an interrupted earlier transition had not printed yet never happen.
     */
    synchronized void transition(AmpState during, AmpState after, long millis, List<ScriptedLine> lines) {
        settle();
        long now = nanoClock.getAsLong();
        long wallNow = System.currentTimeMillis();
        // Readers stop at the first invisible line, so the unprinted lines are always a suffix.
        for (int i = 0; i < console.size(); i++) {
            if (!visible(console.get(i), now)) {
                nextSeq = console.get(i).seq();
                console.subList(i, console.size()).clear();
                break;
            }
        }
        transition = new Transition(during, after, now + millis * 1_000_000L, wallNow + millis);
        for (ScriptedLine line : lines) {
            append(now + line.offsetMillis() * 1_000_000L, wallNow + line.offsetMillis(), line.contents(),
                    line.needsReady());
        }
    }

    /** A restarted AMP process starts with an empty console buffer; old lines must not look new. */
    synchronized void clearConsole() {
        console.clear();
        firstSeq = nextSeq;
    }

    /** Ends any transition at once, e.g. Core/Kill or the process being stopped. */
    synchronized void forceState(AmpState state) {
        transition = null;
        settled = state;
    }

    /** Visible lines after {@code cursor}, and the cursor to use next time. */
    synchronized ConsoleRead readConsole(long cursor) {
        settle();
        long now = nanoClock.getAsLong();
        List<ConsoleLine> lines = new ArrayList<>();
        long next = Math.max(cursor, firstSeq);
        for (ConsoleLine line : console) {
            if (line.seq() < next) {
                continue;
            }
            if (!visible(line, now)) {
                break;
            }
            lines.add(line);
            next = line.seq() + 1;
        }
        return new ConsoleRead(lines, next);
    }

    record ConsoleRead(List<ConsoleLine> lines, long nextCursor) {
    }

    private boolean visible(ConsoleLine line, long now) {
        if (line.visibleAtNanos() > now) {
            return false;
        }
        return !line.needsReady() || (transition == null && settled == AmpState.READY);
    }

    private void append(long visibleAtNanos, long timestampMillis, String contents, boolean needsReady) {
        console.add(new ConsoleLine(nextSeq++, visibleAtNanos, timestampMillis, contents, needsReady));
        while (console.size() > CONSOLE_BACKLOG) {
            console.remove(0);
            firstSeq = console.get(0).seq();
        }
    }

    private void settle() {
        if (transition == null) {
            return;
        }
        boolean heldBack = neverReady && transition.after() == AmpState.READY;
        if (!heldBack && nanoClock.getAsLong() >= transition.endNanos()) {
            settled = transition.after();
            if (settled == AmpState.READY) {
                readySinceMillis = transition.endEpochMillis();
            }
            transition = null;
        }
    }
}
