package org.homeamp.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The trend chart of {@code index.html} as inline SVG: new, open and resolved drift and pending
 * updates per run. Drawn here rather than by a script library because the pages must work opened
 * from disk or mail, with no network and no JavaScript.
 */
final class TrendChart {
    /** One run's counts. */
    record Point(LocalDate date, long newDrift, long openDrift, long resolvedDrift, long pendingUpdates) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 240;
    private static final int LEFT = 44;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;
    private static final String[][] SERIES = {
            {"new drift", "#d9480f"}, {"open drift", "#e8a100"}, {"resolved drift", "#2b8a3e"}, {"pending updates", "#1c7ed6"}};

    private TrendChart() {
    }

    static String svg(List<Point> points) {
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"trend\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT + 24)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT + 24).append("\">");
        b.append("<title>Drift and pending updates over the last ").append(points.size()).append(points.size() == 1 ? " run" : " runs")
                .append("</title>");
        if (points.isEmpty()) {
            b.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT / 2).append("\">No completed runs yet.</text></svg>");
            return b.toString();
        }
        long max = 1;
        for (Point p : points) {
            max = Math.max(max, Math.max(Math.max(p.newDrift(), p.openDrift()), Math.max(p.resolvedDrift(), p.pendingUpdates())));
        }
        // a multiple of 4 keeps the four grid steps whole numbers
        max = (max + 3) / 4 * 4;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        // axes and a few grid lines with their values
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - plotH * i / 4.0;
            b.append(line(LEFT, y, WIDTH - RIGHT, y, i == 0 ? "#888" : "#ddd"));
            b.append(text(LEFT - 6, y + 4, "end", String.valueOf(Math.round(max * i / 4.0))));
        }
        int n = points.size();
        for (int i = 0; i < n; i++) {
            if (n <= 8 || i % Math.max(1, n / 6) == 0 || i == n - 1) {
                b.append(text(x(i, n, plotW), HEIGHT - BOTTOM + 16, "middle", points.get(i).date().toString().substring(5)));
            }
        }
        for (int s = 0; s < SERIES.length; s++) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < n; i++) {
                double y = TOP + plotH - plotH * (double) value(points.get(i), s) / max;
                pts.append(pts.isEmpty() ? "" : " ").append(fmt(x(i, n, plotW))).append(',').append(fmt(y));
                b.append("<circle cx=\"").append(fmt(x(i, n, plotW))).append("\" cy=\"").append(fmt(y)).append("\" r=\"2.5\" fill=\"")
                        .append(SERIES[s][1]).append("\"><title>").append(points.get(i).date()).append(": ").append(value(points.get(i), s))
                        .append(' ').append(SERIES[s][0]).append("</title></circle>");
            }
            b.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(SERIES[s][1]).append("\" points=\"").append(pts).append("\"/>");
            int lx = LEFT + s * 150;
            b.append("<rect x=\"").append(lx).append("\" y=\"").append(HEIGHT + 6).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(SERIES[s][1]).append("\"/>");
            b.append(text(lx + 16, HEIGHT + 16, "start", SERIES[s][0]));
        }
        return b.append("</svg>").toString();
    }

    private static long value(Point p, int series) {
        return switch (series) {
            case 0 -> p.newDrift();
            case 1 -> p.openDrift();
            case 2 -> p.resolvedDrift();
            default -> p.pendingUpdates();
        };
    }

    private static double x(int i, int n, int plotW) {
        return n == 1 ? LEFT + plotW / 2.0 : LEFT + plotW * (double) i / (n - 1);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2) + "\" stroke=\"" + colour + "\"/>";
    }

    private static String text(double x, double y, String anchor, String s) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"11\">" + s + "</text>";
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
