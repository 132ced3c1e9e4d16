/** Where the web app signs in and where Cognito sends the browser back: the app and the CDK client share them. */
export const SIGN_IN_PATH = '/dang-nhap';
export const SIGN_IN_CALLBACK_PATH = '/dang-nhap/callback';
