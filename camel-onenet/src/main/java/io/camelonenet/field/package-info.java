/**
 * Field devices as a source of readings, configured by a points file ({@code onenet.points.file}): the file and its
 * checks ({@link io.camelonenet.field.PointsFile}), the decision of what is due to report
 * ({@link io.camelonenet.field.PointReporter}), each source's poll loop with backoff
 * ({@link io.camelonenet.field.SourcePoller}) and the {@code onenet-points} component that hands readings to a route.
 * The field protocols live in sub-packages, each needing its optional library only when a source uses it.
 */
package io.camelonenet.field;
