import type { ThemeConfig } from 'antd';

/** Government blue, square-ish corners; the side menu and header share one navy family. */
export const BRAND = {
  primary: '#1d4f91',
  navy: '#0c2d5a',
  navyDark: '#08213f',
  header: '#123f7a',
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.primary,
    colorLink: BRAND.primary,
    borderRadius: 4,
  },
  components: {
    Layout: {
      siderBg: BRAND.navy,
      triggerBg: BRAND.navyDark,
      headerBg: BRAND.header,
      headerPadding: '0 20px',
      headerHeight: 56,
    },
    Menu: {
      darkItemBg: BRAND.navy,
      darkSubMenuItemBg: BRAND.navyDark,
      darkItemSelectedBg: '#2763b3',
    },
  },
};
