import { fireEvent, render, screen } from '@testing-library/react';
import { Button } from './Button';

const host = (text: string) => screen.getByText(text).closest('taro-button-core')!;

it('calls onClick; disabled or busy it does not, and says so without the platform attribute', () => {
  const tap = jest.fn();
  const { rerender } = render(
    <Button type="primary" block onClick={tap}>
      保存
    </Button>,
  );
  fireEvent.click(screen.getByText('保存'));
  expect(tap).toHaveBeenCalledTimes(1);
  expect(host('保存').className).toBe('sgz-button sgz-button--primary sgz-button--block');

  rerender(
    <Button disabled onClick={tap}>
      保存
    </Button>,
  );
  fireEvent.click(screen.getByText('保存'));
  expect(host('保存').className).toContain('sgz-button--disabled');
  expect(host('保存').getAttribute('aria-disabled')).toBe('true');
  // The platform's own disabled colours (white on grey on H5) would override ours.
  expect(host('保存').hasAttribute('disabled')).toBe(false);

  rerender(
    <Button loading onClick={tap}>
      保存
    </Button>,
  );
  fireEvent.click(screen.getByText('保存'));
  expect(host('保存').className).toContain('sgz-button--busy');
  expect(tap).toHaveBeenCalledTimes(1);
});
