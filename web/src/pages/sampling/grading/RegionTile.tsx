import { Flex, Tooltip } from 'antd';
import type { CSSProperties } from 'react';
import type { RegionGrade } from '../../../api/sampling';
import { colourHex, colourText, shareText, tileLabel, tilePalette, tileTooltip } from '../grading-view';

interface TileProps {
  region: RegionGrade;
  selected?: boolean;
  /** Makes the tile a button (the grading page filters its enterprise list by it). */
  onSelect?: () => void;
}

/** A district/county on its colour: its name, the colour and the C-class share. */
export function CountyTile({ region, onSelect }: TileProps) {
  const style: CSSProperties = { background: colourHex(region.colour), color: '#fff', padding: '10px 14px', display: 'block' };
  const content = (
    <>
      <Flex justify="space-between" align="baseline" gap={8}>
        <span style={{ fontSize: 18, fontWeight: 600 }}>{region.regionName}</span>
        <span style={{ fontSize: 15, fontWeight: 600 }}>{colourText(region.colour)}</span>
      </Flex>
      <div style={{ fontSize: 13, opacity: 0.95 }}>{shareText(region)}</div>
    </>
  );
  if (!onSelect) return <div style={style}>{content}</div>;
  return (
    <button type="button" onClick={onSelect} aria-label={tileLabel(region)} style={{ all: 'unset', cursor: 'pointer', ...style }}>
      {content}
    </button>
  );
}

/** A township: a small named square on its colour, the share in its tooltip. */
export function TownshipTile({ region, selected = false, onSelect }: TileProps) {
  const style: CSSProperties = {
    boxSizing: 'border-box',
    padding: '4px 6px',
    borderRadius: 4,
    fontSize: 12,
    textAlign: 'center',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    ...tilePalette(region),
    outline: selected ? '2px solid #262626' : 'none',
  };
  return (
    <Tooltip title={tileTooltip(region)}>
      {onSelect ? (
        <button type="button" onClick={onSelect} style={{ all: 'unset', cursor: 'pointer', ...style }}>
          {region.regionName}
        </button>
      ) : (
        <div style={style}>{region.regionName}</div>
      )}
    </Tooltip>
  );
}
