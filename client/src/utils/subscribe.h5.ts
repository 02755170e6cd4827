/** H5 has no subscribe messages: nothing to ask. */
export async function askStatusSubscription(): Promise<void> {
  // Intentionally empty: the browser build cannot receive WeChat subscribe messages.
}
