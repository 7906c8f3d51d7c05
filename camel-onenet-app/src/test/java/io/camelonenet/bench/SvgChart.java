package io.camelonenet.bench;

import java.util.Locale;
import java.util.Map;

/** A horizontal bar chart as SVG: one bar per case, its median written next to it. */
final class SvgChart {

    private static final int LABEL_WIDTH = 430;
    private static final int BAR_WIDTH = 360;
    private static final int ROW = 26;

    private SvgChart() {
    }

    /** {@code bars}: label → value; {@code highlighted}: labels drawn in the project's colour, the rest grey. */
    static String bars(String title, String unit, Map<String, Double> bars, java.util.Set<String> highlighted) {
        double max = bars.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int height = 50 + bars.size() * ROW + 10;
        int width = LABEL_WIDTH + BAR_WIDTH + 110;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"13\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"24\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
                escape(title)));
        int y = 44;
        for (Map.Entry<String, Double> bar : bars.entrySet()) {
            int length = (int) Math.max(1, Math.round(bar.getValue() / max * BAR_WIDTH));
            String colour = highlighted.contains(bar.getKey()) ? "#2b6cb0" : "#a0aec0";
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 8, y + 15, escape(bar.getKey())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>%n",
                    LABEL_WIDTH, y + 2, length, colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%,.0f %s</text>%n", LABEL_WIDTH + length + 6,
                    y + 15, bar.getValue(), escape(unit)));
            y += ROW;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
