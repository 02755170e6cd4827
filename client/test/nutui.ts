// The NutUI components the client uses, from their per-component ES modules: the
// same files babel-plugin-import picks in the builds. (The package's main entry is a
// UMD bundle of every component whose lottie player needs a real canvas at load.)
export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as SearchBar } from '@nutui/nutui-react-taro/dist/es/packages/searchbar';
export { default as Skeleton } from '@nutui/nutui-react-taro/dist/es/packages/skeleton';
