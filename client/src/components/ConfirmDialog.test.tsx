import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { CARE_MODE_STORAGE_KEY } from '../hooks/use-care-mode';
import { ConfirmDialog } from './ConfirmDialog';

const props = {
  title: '要取消这次求助吗？',
  lines: ['取消后，预约的名额会让给其他居民。'],
  confirmText: '取消求助',
  cancelText: '先不取消',
};

describe('ConfirmDialog', () => {
  it('renders nothing while closed', () => {
    render(<ConfirmDialog open={false} {...props} onConfirm={jest.fn()} onCancel={jest.fn()} />);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText('取消求助')).toBeNull();
  });

  it('is a modal dialog named by its title, with two real buttons that say what they do', () => {
    const confirm = jest.fn();
    const cancel = jest.fn();
    render(<ConfirmDialog open {...props} onConfirm={confirm} onCancel={cancel} />);
    const dialog = screen.getByRole('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('dialog', { name: '要取消这次求助吗？' })).toBe(dialog);
    expect(screen.getByText('取消后，预约的名额会让给其他居民。')).toBeTruthy();
    // The platform's button (keyboard-focusable), not a tappable <div>.
    const confirmButton = screen.getByText('取消求助').closest('taro-button-core');
    const cancelButton = screen.getByText('先不取消').closest('taro-button-core');
    expect(confirmButton).toBeTruthy();
    expect(cancelButton).toBeTruthy();
    expect(dialog.contains(confirmButton)).toBe(true);

    fireEvent.click(screen.getByText('先不取消'));
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(confirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('取消求助'));
    expect(confirm).toHaveBeenCalledTimes(1);
  });

  it('follows 关怀模式 with its own larger sizes', () => {
    const { rerender } = render(<ConfirmDialog open {...props} onConfirm={jest.fn()} onCancel={jest.fn()} />);
    const root = () => screen.getByRole('dialog').parentElement!;
    expect(root().className).not.toContain('sgz-dialog--care');

    Taro.setStorageSync(CARE_MODE_STORAGE_KEY, true);
    rerender(<ConfirmDialog open {...props} title="另一个标题" onConfirm={jest.fn()} onCancel={jest.fn()} />);
    render(<ConfirmDialog open {...props} title="关怀模式下" onConfirm={jest.fn()} onCancel={jest.fn()} />);
    const care = screen.getByRole('dialog', { name: '关怀模式下' }).parentElement!;
    expect(care.className).toContain('sgz-dialog--care');
  });

  it('shows a warning as an alert, and while busy ignores both buttons', () => {
    const confirm = jest.fn();
    const cancel = jest.fn();
    render(
      <ConfirmDialog open {...props} warning="还没到预约时间" busy onConfirm={confirm} onCancel={cancel} />,
    );
    expect(screen.getByRole('alert').textContent).toContain('还没到预约时间');
    fireEvent.click(screen.getByText('正在取消求助…'));
    fireEvent.click(screen.getByText('先不取消'));
    expect(confirm).not.toHaveBeenCalled();
    expect(cancel).not.toHaveBeenCalled();
  });
});
