declare module 'virtual:own-script/*' {
  const code: string;
  export default code;
}
