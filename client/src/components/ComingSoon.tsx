import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { PageRoot } from './PageRoot';

/** Props of {@link ComingSoon}. */
export interface ComingSoonProps {
  title: string;
  /** Who this section is for, e.g. 社工. */
  audience: string;
  /** What this section will hold, one line each. */
  items: string[];
  /** What already works in this section, shown above the list. */
  children?: ReactNode;
}

/** Placeholder page of a role subpackage: says what will come here. */
export function ComingSoon({ title, audience, items, children }: ComingSoonProps) {
  return (
    <PageRoot>
      {children}
      <View className="sgz-card" style={{ marginTop: '12px' }}>
        <Text style={{ display: 'block', fontSize: 'var(--sgz-font-title)', fontWeight: 700 }}>{title}</Text>
        <Text style={{ display: 'block', color: 'var(--sgz-color-muted)' }}>
          仅供{audience}使用，正在建设中。这里将提供：
        </Text>
        {items.map((item) => (
          <Text key={item} style={{ display: 'block', marginTop: '8px' }}>
            · {item}
          </Text>
        ))}
      </View>
    </PageRoot>
  );
}
