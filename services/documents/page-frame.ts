/**
 * Domain (pure geometry, no I/O): where a point of the page *as a reader displays it* lies in the page's
 * own user space, so a stamp can be placed along the displayed bottom edge whatever the page's /Rotate
 * and wherever its boxes sit. Rules from ISO 32000-1: §7.7.3.3 (Table 30: CropBox defaults to MediaBox,
 * is clipped to it, and /Rotate is a multiple of 90 turning the page clockwise when displayed, inherited
 * from the page tree), §7.9.5 (a rectangle may name any two opposite corners).
 */

/** A rectangle in user-space units (1/72 in): lower-left corner and positive extent. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in user space, with the angle (degrees, counter-clockwise) a line drawn there must take. */
export interface UserPlacement {
  x: number;
  y: number;
  rotateDegrees: number;
}

/**
 * The visible page as displayed: its width and height on screen (user-space units), the clockwise
 * rotation applied (0, 90, 180 or 270), and `place(u, v, angle)` which maps a displayed point (u from
 * the displayed left edge, v up from the displayed bottom edge) and a displayed text angle (degrees,
 * counter-clockwise) to user space.
 */
export interface PageFrame {
  width: number;
  height: number;
  rotation: 0 | 90 | 180 | 270;
  place(u: number, v: number, angleDegrees?: number): UserPlacement;
}

/**
 * /Rotate as viewers apply it: a multiple of 90 brought into 0–359 (-90 is 270, 450 is 90); any other
 * value is not allowed by the standard and is displayed unrotated (as pdf.js and Acrobat do).
 */
export function normalizeRotation(degrees: number): 0 | 90 | 180 | 270 {
  if (!Number.isFinite(degrees) || degrees % 90 !== 0) return 0;
  return (((degrees % 360) + 360) % 360) as 0 | 90 | 180 | 270;
}

/** The same rectangle with a lower-left corner and non-negative width and height. */
export function normalizeBox(box: Box): Box {
  const x0 = Math.min(box.x, box.x + box.width);
  const y0 = Math.min(box.y, box.y + box.height);
  return { x: x0, y: y0, width: Math.abs(box.width), height: Math.abs(box.height) };
}

/** What is shown of the page: the CropBox clipped to the MediaBox (the MediaBox when they do not meet). */
export function visibleBox(mediaBox: Box, cropBox: Box | undefined): Box {
  const media = normalizeBox(mediaBox);
  if (!cropBox) return media;
  const crop = normalizeBox(cropBox);
  const x0 = Math.max(media.x, crop.x);
  const y0 = Math.max(media.y, crop.y);
  const x1 = Math.min(media.x + media.width, crop.x + crop.width);
  const y1 = Math.min(media.y + media.height, crop.y + crop.height);
  if (x1 <= x0 || y1 <= y0) return media;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The displayed frame of a page whose visible box is `box` and whose /Rotate is `rotateDegrees`. Turned
 * clockwise by R, the displayed bottom-left corner is the box's lower-left (0°), lower-right (90°),
 * upper-right (180°) or upper-left (270°) corner, and displayed "right" is user +x, +y, -x or -y.
 */
export function pageFrame(box: Box, rotateDegrees: number): PageFrame {
  const rotation = normalizeRotation(rotateDegrees);
  const { x, y, width: w, height: h } = normalizeBox(box);
  const toUser: Record<typeof rotation, (u: number, v: number) => { x: number; y: number }> = {
    0: (u, v) => ({ x: x + u, y: y + v }),
    90: (u, v) => ({ x: x + w - v, y: y + u }),
    180: (u, v) => ({ x: x + w - u, y: y + h - v }),
    270: (u, v) => ({ x: x + v, y: y + h - u }),
  };
  const quarterTurned = rotation === 90 || rotation === 270;
  return {
    width: quarterTurned ? h : w,
    height: quarterTurned ? w : h,
    rotation,
    place(u, v, angleDegrees = 0) {
      // Turning the page clockwise by R turns user-space directions by R too: a line displayed at angle
      // a runs at a + R counter-clockwise in user space.
      return { ...toUser[rotation](u, v), rotateDegrees: (angleDegrees + rotation) % 360 };
    },
  };
}
