package io.camelonenet.field.modbus;

import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.RegisterTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Registers (or bits) of one table read in one request: adjacent or overlapping points merged, up to the table's
 * limit for one request (125 registers, 2,000 coils). Points with a gap between them go in separate requests, since a
 * device may refuse to read an address it does not have.
 */
record RegisterBlock(RegisterTable table, int start, int count, List<FieldPoint> points) {

    /** The requests that read {@code points}, in table and address order. */
    static List<RegisterBlock> plan(List<FieldPoint> points) {
        List<FieldPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing(FieldPoint::table).thenComparingInt(FieldPoint::address));
        List<RegisterBlock> blocks = new ArrayList<>();
        RegisterTable table = null;
        int start = 0;
        int end = 0;
        List<FieldPoint> members = new ArrayList<>();
        for (FieldPoint point : sorted) {
            boolean joins = point.table() == table && point.address() <= end
                    && Math.max(end, point.end()) - start <= table.maxPerRequest();
            if (!joins) {
                if (table != null) {
                    blocks.add(new RegisterBlock(table, start, end - start, List.copyOf(members)));
                }
                table = point.table();
                start = point.address();
                end = point.end();
                members.clear();
            }
            end = Math.max(end, point.end());
            members.add(point);
        }
        if (table != null) {
            blocks.add(new RegisterBlock(table, start, end - start, List.copyOf(members)));
        }
        return blocks;
    }
}
