// xrandr's text as a desktop and Xvfb print it, read as sizes with their rates.
import { describe, expect, it } from 'vitest';
import { parseXrandrModes } from './xrandr-modes';

describe('parseXrandrModes', () => {
  it('merges the modes of the connected outputs, each size with its rates', () => {
    const text = [
      'Screen 0: minimum 320 x 200, current 1920 x 1080, maximum 16384 x 16384',
      'DP-1 connected primary 1920x1080+0+0 (normal left inverted right x axis y axis) 527mm x 296mm',
      '   1920x1080     60.00*+ 143.98   119.88  ',
      '   1280x720      60.00    59.94  ',
      'HDMI-1 disconnected (normal left inverted right x axis y axis)',
    ].join('\n');
    expect(parseXrandrModes(text)).toEqual([{ resolution: '1920x1080', rates: [143.98, 119.88, 60] }, { resolution: '1280x720', rates: [60, 59.94] }]);
  });

  it("Xvfb's one mode", () => {
    expect(parseXrandrModes('Screen 0: minimum 1 x 1, current 1280 x 720, maximum 1280 x 720\nscreen connected 1280x720+0+0 0mm x 0mm\n   1280x720      0.00* \n')).toEqual([{ resolution: '1280x720', rates: [] }]);
  });
});
